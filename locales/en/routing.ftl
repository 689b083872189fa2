# S6 /routing
routing-choose-store = Routing: choose a store.
routing-store-title = <b>Where the events of { $store } go</b>
routing-default = Every event goes to the team's private chats (the default).
routing-team-chats = The team's private chats
routing-group = Group "{ $title }"
routing-topic = Group "{ $title }", topic { $topic }
routing-quiet-line = Quiet hours: { $window }
routing-quiet-personal = each member's own (/quiet)
routing-here-hint = To add a group or a topic, send /here inside it.
routing-event-new-order = New
routing-event-status-change = Statuses
routing-event-buyer-message = Messages
routing-event-alert = Alerts
routing-quiet-choose = Quiet hours for: { $destination } ({ $tz } time).

# S6 /here
here-choose = Which stores send their events here? Tap a store to add this chat.
here-all-stores = All stores
here-only-groups = Send /here in the group or topic where the events should arrive.

# S7 morning digest
digest-title = 🌅 While quiet hours were on ({ $from }–{ $to }), this came in:
digest-store = <b>{ $store }</b>: { $count } orders
digest-more = and { $count } more
cmd-routing = Where store events go
cmd-here = Send events to this group or topic
