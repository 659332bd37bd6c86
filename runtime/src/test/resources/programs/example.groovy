// The example show. example.js is the same program in JavaScript; a test proves they behave alike.
program {
    apiVersion 1
    name 'example'

    state('intro') {
        enter {
            data.starts = (data.starts ?: 0) + 1
            log.info("starting ${station.settings.series}, start #${data.starts}")
            station.dialTransmitter()
        }
        on.answered { e -> e.call.play(station.settings.jingle) }
        on.failed { e ->
            log.warn("transmitter failed: ${e.cause}")
            station.after(30, 'redial')
        }
        on.timer { e -> if (e.timer == 'redial') station.dialTransmitter() }
        on.playbackDone { e -> go 'live' }
        timeout(60) {
            log.warn('transmitter never answered')
            go 'goodbye'
        }
    }

    state('live') {
        enter {
            station.conference('studio').play('news.wav')
            station.subscribe('news/')
        }
        on.dtmf { e ->
            data.presses = (data.presses ?: 0) + 1
            switch (e.digit) {
                case '1': e.call.play('thanks.wav'); break
                case '2': e.call.collect(min: 1, max: 2, timeout: 10, prompt: 'days.wav'); break
                case '9': go 'goodbye'; break
                default: log.info("digit ${e.digit} ignored")
            }
        }
        on.digits { e ->
            data.lastEntry = e.digits
            station.publish('votes', [digits: e.digits, from: e.call.from])
        }
        on.incomingCall { e ->
            def callers = data.callers ?: []
            callers << e.call.from
            data.callers = callers
            e.call.answer()
            e.call.say("Welcome to ${station.name}, caller ${callers.size()}")
            e.call.join(station.conference('studio'))
        }
        on.esl('CHANNEL_PROGRESS') { e -> log.debug("progress on ${e.headers['Unique-ID']}") }
        on.message { e -> station.conference('studio').play(e.data.file) }
        on.sms { e -> station.sms.send(e.from, "Thanks! ${station.sms.recent(1)[0].text}") }
        timeout(1800) { go 'goodbye' }
    }

    state('goodbye') {
        enter {
            station.store.put('lastShow', [presses: data.presses ?: 0, callers: (data.callers ?: []).size()])
            station.transmitter?.say('Goodbye')
        }
        on.playbackDone { e -> e.call.hangup() }
        on.dtmf { e -> if (e.digit == '0') throw new IllegalStateException('boom on zero') }
    }

    onError { err -> log.error("${err.handler} failed in ${err.state}") }
    teardown { log.info("teardown after ${data.presses ?: 0} presses") }
}
