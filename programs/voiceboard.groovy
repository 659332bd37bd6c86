// Community voice board, always on for the station's IVR line: a caller picks a category and how
// many days the message stays valid, records it after the tone, then listens, saves, records
// again or discards. Saved messages wait for an operator's approval before they air.
//
// Several callers can be on the board at once: each one's progress is kept in data.callers.

program {
    apiVersion 1
    name 'voiceboard'

    state('open') {
        on.incomingCall { e ->
            if (e.line != 'ivr') return            // other lines belong to other shows
            callers()[e.call.id] = [step: 'category', from: e.call.from, take: 0]
            e.call.answer()
            e.call.play('voiceboard-welcome.wav')
            askCategory(e.call)
        }

        on.digits { e ->
            def c = callers()[e.call.id]
            if (c == null) return
            if (e.status != 'ok') { e.call.play('goodbye.wav'); e.call.hangup(); return }
            switch (c.step) {
                case 'category':
                    c.category = ['1': 'announcement', '2': 'greeting', '3': 'ad'][e.digits]
                    c.step = 'days'
                    e.call.collect(min: 1, max: 2, timeout: 10, tries: 3, terminator: '#',
                                   prompt: 'voiceboard-days.wav', invalid: 'invalid.wav', regex: '([1-9]|1[0-4])')
                    break
                case 'days':
                    c.days = e.digits as int
                    startRecording(e.call, c)
                    break
                case 'menu':
                    menuChoice(e.call, c, e.digits)
                    break
            }
        }

        on.playbackDone { e ->
            def c = callers()[e.call.id]
            if (c?.step == 'tone') {
                c.step = 'recording'
                e.call.record(c.file, 60)
            } else if (c?.step == 'listening') {
                askMenu(e.call, c)
            }
        }

        on.recordingDone { e ->
            def c = callers()[e.call.id]
            if (c == null) return
            if (e.status == 'failed') {            // the switch could not record; the operator was told why
                log.warn("could not record the message of ${c.from}; nothing saved")
                callers().remove(e.call.id)
                if (e.call.state != 'ended') { e.call.play('goodbye.wav'); e.call.hangup() }
                return
            }
            c.seconds = e.seconds
            c.recordingPath = e.file
            askMenu(e.call, c)
        }

        on.hangup { e ->
            def c = callers().remove(e.call.id)
            if (c?.step == 'recording') log.info("caller ${c.from} hung up while recording; nothing saved")
        }
    }

    onError { err -> log.error("voiceboard: ${err.message} (${err.location})") }
}

def callers() {
    if (data.callers == null) data.callers = [:]
    data.callers
}

def askCategory(call) {
    call.collect(min: 1, max: 1, timeout: 10, tries: 3, prompt: 'voiceboard-category.wav', invalid: 'invalid.wav', regex: '[123]')
}

def startRecording(call, c) {
    c.take++
    c.file = "voiceboard-${call.id.take(8)}-${c.take}.wav"
    c.step = 'tone'
    call.play('tone_stream://%(500,0,800)')
}

def askMenu(call, c) {
    c.step = 'menu'
    call.collect(min: 1, max: 1, timeout: 15, tries: 3, prompt: 'voiceboard-menu.wav', invalid: 'invalid.wav', regex: '[1234]')
}

def menuChoice(call, c, digit) {
    switch (digit) {
        case '1':
            c.step = 'listening'
            call.play(c.recordingPath)
            break
        case '2':
            station.recordings.save(c.recordingPath, c.category, c.days, c.from, c.seconds)
            log.info("saved a ${c.category} from ${c.from}, valid ${c.days} days, waiting for approval")
            c.step = 'done'
            call.play('voiceboard-saved.wav')
            call.hangup()
            break
        case '3':
            startRecording(call, c)
            break
        case '4':
            c.step = 'done'
            call.play('voiceboard-discarded.wav')
            call.hangup()
            break
    }
}
