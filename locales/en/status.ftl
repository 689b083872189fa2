# J1/J2 /status
status-title = <b>Store status</b>
status-store = <b>{ $store }</b> ({ $marketplace }) — { $state }
status-state-active = running
status-state-paused = paused
status-state-failing = failing
status-last-good = Last good sync: { $at }
status-last-error = Last error: { $at } — { $error }
status-last-error-now = ⚠️ Not syncing now: { $at } — { $error }
status-no-errors = No errors so far.
# the kind of a failed sync; its detail is in the operation log
sync-error =
    { $kind ->
        [auth] the marketplace refuses the credentials
        [no_permission_orders] the role of these credentials lacks the Orders permission
        [no_permission_correspondence] the role of these credentials lacks the My correspondence permission
        [undecryptable] the store's credentials cannot be decrypted with the configured keys
        [refused] the marketplace refused the request
        [not_found] the marketplace answered "not found" (404)
        [rate_limited] the marketplace limited the request rate
        [unavailable] the marketplace does not answer
        [bad_response] the marketplace sent an answer that could not be read
       *[other] a fault in the bot itself (details in the log)
    }
status-next-run = Next run: { $at }
status-never = not yet
status-alert-auth = 🔑 The marketplace refuses the credentials: the store is paused.
status-alert-stale = ⏳ No good sync for a long time.
status-alert-undecryptable = 🔐 The credentials cannot be decrypted with the configured keys — the store is paused.
status-sync-now = 🔄 Sync now: { $store }
status-syncing = Syncing…
status-sync-paused = The store is paused. Resume it first.
status-sync-done = ✅ { $store }: fetched { $fetched }, new { $created }, changed { $updated }.
status-sync-failed = ❌ { $store }: failed — { $error }
status-blocked-chats = 🚫 Team chats that blocked the bot: { $count }. They get no notifications until they write to the bot again (e.g. /start).
status-dead-letters = ⚠️ Notifications that could not be delivered after every attempt (last 7 days): { $count }. The log names the reason; they will not be retried.

# J3 alerts
alert-status-button = 📊 Store status
alert-auth =
    🔑 <b>{ $store }</b>: { $detail }.
    The store is paused. Update the token or password and resume the store. /status has the details.
alert-stale =
    ⏳ <b>{ $store }</b>: no good sync for a long time. Last error: { $detail }.
    /status has the details.
alert-undecryptable =
    🔐 The credentials of store <b>{ $store }</b> cannot be decrypted with the configured keys (ENCRYPTION_KEYS).
    The store is paused. Put back the key they were sealed with, or enter them again: /stores → the store → Replace credentials.
alert-recovered = ✅ <b>{ $store }</b>: syncing works again.
cmd-status = Store sync status
