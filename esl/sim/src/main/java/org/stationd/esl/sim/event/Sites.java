package org.stationd.esl.sim.event;

/**
 * The Event-Calling-* triples FreeSWITCH 1.10.12 stamps on each event, as seen in the captures.
 * Clients rarely read them, but a simulator that claims to be indistinguishable must send them.
 */
public final class Sites {
    private Sites() {}

    public static final CallSite API = new CallSite("switch_loadable_module.c", "switch_api_execute", 2954);
    public static final CallSite BACKGROUND_JOB = new CallSite("mod_event_socket.c", "api_exec", 1572);
    public static final CallSite CALL_UPDATE = new CallSite("switch_channel.c", "switch_channel_flip_cid", 3277);
    public static final CallSite CHANNEL_ANSWER = new CallSite("switch_channel.c", "switch_channel_perform_mark_answered", 3846);
    public static final CallSite CHANNEL_PRE_ANSWER = new CallSite("switch_channel.c", "switch_channel_perform_mark_pre_answered", 3616);
    public static final CallSite CHANNEL_PROGRESS = new CallSite("switch_channel.c", "switch_channel_perform_mark_ring_ready_value", 3541);
    public static final CallSite CHANNEL_CALLSTATE = new CallSite("switch_channel.c", "switch_channel_perform_set_callstate", 301);
    public static final CallSite CHANNEL_CREATE = new CallSite("switch_core_state_machine.c", "switch_core_session_run", 626);
    public static final CallSite CHANNEL_ORIGINATE = new CallSite("switch_core_state_machine.c", "switch_core_session_run", 632);
    public static final CallSite CHANNEL_DESTROY = new CallSite("switch_core_session.c", "switch_core_session_perform_destroy", 1584);
    public static final CallSite CHANNEL_EXECUTE = new CallSite("switch_core_session.c", "switch_core_session_exec", 2944);
    public static final CallSite CHANNEL_EXECUTE_COMPLETE = new CallSite("switch_core_session.c", "switch_core_session_exec", 2967);
    public static final CallSite CHANNEL_HANGUP = new CallSite("switch_channel.c", "switch_channel_perform_hangup", 3445);
    public static final CallSite CHANNEL_HANGUP_COMPLETE = new CallSite("switch_core_state_machine.c", "switch_core_session_reporting_state", 943);
    public static final CallSite CHANNEL_OUTGOING = new CallSite("switch_core_session.c", "switch_core_session_outgoing_channel", 768);
    public static final CallSite CHANNEL_PARK = new CallSite("switch_ivr.c", "switch_ivr_park", 1002);
    public static final CallSite CHANNEL_UNPARK = new CallSite("switch_ivr.c", "switch_ivr_park", 1213);
    public static final CallSite CHANNEL_STATE = new CallSite("switch_channel.c", "switch_channel_perform_set_running_state", 2408);
    public static final CallSite CHANNEL_UUID = new CallSite("switch_core_session.c", "switch_core_session_set_uuid", 2051);
    public static final CallSite CHANNEL_BRIDGE = new CallSite("switch_ivr_bridge.c", "audio_bridge_on_exchange_media", 1045);
    public static final CallSite CHANNEL_UNBRIDGE = new CallSite("switch_ivr_bridge.c", "audio_bridge_on_exchange_media", 1112);
    public static final CallSite CODEC_READ = new CallSite("switch_core_codec.c", "switch_core_session_set_read_codec", 279);
    public static final CallSite CODEC_WRITE = new CallSite("switch_core_codec.c", "switch_core_session_set_write_codec", 450);
    public static final CallSite DTMF = new CallSite("switch_channel.c", "switch_channel_dequeue_dtmf", 677);
    public static final CallSite HEARTBEAT = new CallSite("switch_core.c", "send_heartbeat", 95);
    public static final CallSite RE_SCHEDULE = new CallSite("switch_scheduler.c", "switch_scheduler_execute", 73);
    public static final CallSite SHUTDOWN = new CallSite("switch_core.c", "switch_core_destroy", 3023);
    public static final CallSite PLAYBACK_START = new CallSite("switch_ivr_play_say.c", "switch_ivr_play_file", 1646);
    public static final CallSite PLAYBACK_STOP = new CallSite("switch_ivr_play_say.c", "switch_ivr_play_file", 2020);
    public static final CallSite PRIVATE_COMMAND = new CallSite("switch_ivr.c", "switch_ivr_parse_next_event", 804);
    public static final CallSite RECORD_START = new CallSite("switch_ivr_async.c", "record_callback", 1241);
    public static final CallSite RECORD_STOP = new CallSite("switch_ivr_async.c", "record_callback", 1398);
    public static final CallSite RECORD_START_APP = new CallSite("switch_ivr_play_say.c", "switch_ivr_record_file_event", 1014);
    public static final CallSite RECORD_STOP_APP = new CallSite("switch_ivr_play_say.c", "switch_ivr_record_file_event", 1014);
    public static final CallSite MEDIA_BUG_START = new CallSite("switch_core_media_bug.c", "switch_core_media_bug_add", 1048);
    public static final CallSite MEDIA_BUG_STOP = new CallSite("switch_core_media_bug.c", "switch_core_media_bug_close", 1261);
    public static final CallSite SEND_EVENT = new CallSite("mod_event_socket.c", "parse_command", 2274);
    public static final CallSite CHANNEL_DATA = new CallSite("mod_event_socket.c", "parse_command", 2021);
    public static final CallSite MODULE_UNLOAD = new CallSite("switch_loadable_module.c", "switch_loadable_module_unprocess", 1240);

    // mod_conference
    public static final CallSite CONF_CREATE = new CallSite("mod_conference.c", "conference_new", 3848);
    public static final CallSite CONF_DESTROY = new CallSite("mod_conference.c", "conference_thread_run", 863);
    public static final CallSite CONF_ADD_MEMBER = new CallSite("conference_member.c", "conference_member_add", 962);
    public static final CallSite CONF_DEL_MEMBER = new CallSite("conference_member.c", "conference_member_del", 1355);
    public static final CallSite CONF_FLOOR = new CallSite("conference_member.c", "conference_member_set_floor_holder", 1158);
    public static final CallSite CONF_KICK = new CallSite("conference_api.c", "conference_api_sub_kick", 902);
    public static final CallSite CONF_HUP = new CallSite("conference_api.c", "conference_api_sub_hup", 929);
    public static final CallSite CONF_PLAY = new CallSite("conference_api.c", "conference_api_sub_play", 2817);
    public static final CallSite CONF_STOP = new CallSite("conference_api.c", "conference_api_sub_stop", 2894);
    public static final CallSite CONF_PLAY_DONE = new CallSite("conference_file.c", "conference_file_close", 52);
    public static final CallSite CONF_MUTE = new CallSite("conference_api.c", "conference_api_sub_mute", 282);
    public static final CallSite CONF_UNMUTE = new CallSite("conference_api.c", "conference_api_sub_unmute", 374);
    public static final CallSite CONF_DEAF = new CallSite("conference_api.c", "conference_api_sub_deaf", 483);
    public static final CallSite CONF_UNDEAF = new CallSite("conference_api.c", "conference_api_sub_undeaf", 517);
    public static final CallSite CONF_PRESENCE = new CallSite("mod_conference.c", "conference_send_presence", 3870);
}
