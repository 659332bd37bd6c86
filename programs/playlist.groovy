// Prerecorded show: the transmitter joins the studio, then a jingle, the next episode of the
// series, the ads, approved voice-board messages, and music until the slot ends.
//
// Its settings (stations.yaml, or a schedule entry's) are declared below: ./stationd check checks them.

program {
    apiVersion 1
    name 'playlist'
    settings(
        jingle:  [type: 'media', default: null],        // played first (none: no jingle)
        series:  [type: 'media list', default: []],     // aired in turn, one episode per show
        ads:     [type: 'media list', default: []],
        music:   [type: 'media list', default: []],     // loops until the slot ends
        readSms: [type: 'number', default: 0]           // read the newest texts on air (0: don't)
    )

    state('dialling') {
        enter {
            if (data.queue == null) {
                data.queue = runningOrder()
                data.position = 0
                data.played = 0
            }
            station.dialTransmitter()
        }
        on.answered { e ->
            e.call.join(station.conference('studio'))
        }
        on.conferenceJoined { e -> go 'playing' }
        on.failed { e ->
            log.error("transmitter unreachable (${e.cause}); the show cannot air")
            data.status = 'failed'
            go 'off-air'
        }
    }

    state('playing') {
        enter { playCurrent() }
        on.conferencePlaybackDone { e ->
            if (e.status == 'failed') {
                log.warn("skipped ${e.file}: the file is missing or unreadable")
                if (data.position >= data.queue.size()) data.failedInARow = (data.failedInARow ?: 0) + 1   // music that cannot play
            } else {
                data.played++
                data.failedInARow = 0
                if (data.position < data.queue.size()) markAired(data.queue[data.position])
            }
            data.position++
            playCurrent()
        }
        // the transmitter dropped: the station redials it; resume this item when it is back
        on.hangup { e -> go 'reconnecting' }
        on.wrapUp { e -> go 'closing' }
    }

    state('reconnecting') {
        on.answered { e -> e.call.join(station.conference('studio')) }
        on.conferenceJoined { e -> go 'playing' }
        on.failed { e -> data.status = 'failed'; go 'off-air' }
        timeout(120) { log.error('transmitter did not come back in 2 minutes'); data.status = 'cut'; go 'off-air' }
    }

    state('closing') {
        enter { station.conference('studio').stop(); go 'off-air' }
    }

    state('off-air') {
        enter {
            if (data.status == 'failed') station.reportStatus('failed', 'the transmitter could not be reached')
            else if (!data.played) station.reportStatus('no_media', 'none of the show\'s files could be played')
            station.hangupTransmitter()   // also a redial still ringing after a drop
        }
    }

    onError { err -> log.error("playlist: ${err.message} (${err.location})") }
}

/** The show's running order: jingle, the next episode, the ads, the approved voice-board messages, then music. */
def runningOrder() {
    def s = station.settings
    def order = []
    if (s.jingle) order << [file: s.jingle, kind: 'jingle']
    def series = s.series ?: []
    if (series) {
        def last = station.store.get('lastEpisode')
        int next = last == null ? 0 : ((last as int) + 1) % series.size()
        order << [file: series[next], kind: 'episode', index: next]
    }
    (s.ads ?: []).each { order << [file: it, kind: 'ad'] }
    if (s.readSms && station.settings.containsKey('readSms')) {
        try {
            station.sms.recent(s.readSms as int).reverse().each { m -> order << [file: "say:A message from ${m.from}: ${m.text}".toString(), kind: 'sms'] }
        } catch (IllegalStateException noSmsNumber) {
            log.warn('readSms is set but the station has no sms number')
        }
    }
    station.recordings.playable().each { r -> order << [file: r.file, kind: 'voice'] }
    order
}

/** The item at the current position, or music round and round once the list is done. */
def playCurrent() {
    def music = station.settings.music ?: []
    def queue = data.queue
    if (data.position < queue.size()) {
        def item = queue[data.position]
        log.info("on air: ${item.kind} ${item.file}")
        if (item.kind == 'sms') station.conference('studio').say(item.file.substring(4))
        else station.conference('studio').play(item.file)
    } else if (music && data.position < queue.size() + 500 && (data.failedInARow ?: 0) < music.size()) {
        // round the music list, one track after the other, until the slot ends (or none can be played)
        def track = music[(data.position - queue.size()) % music.size()]
        log.info("on air: music ${track}")
        station.conference('studio').play(track)
    } else {
        log.info('nothing left to play')
        go 'off-air'
    }
}

/** An episode counts as aired once it played to the end: the next show plays the one after. */
def markAired(item) {
    if (item.kind == 'episode') station.store.put('lastEpisode', item.index)
}
