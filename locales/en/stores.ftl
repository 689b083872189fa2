# S1 Connect a store
connect-choose-marketplace = Connecting a store. Choose the marketplace:
connect-marketplace-chosen = Marketplace: { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
connect-ask-name = What should the store be called? Send a name (up to { $max } characters).
connect-name-invalid = The name must be 1 to { $max } characters. Please try again.
connect-rozetka-ask-kind = How will the bot sign in to Rozetka? The simplest is an API token: seller cabinet → Settings → “API security” → “Generate API token” (for a role with access to orders and correspondence). Or the cabinet login and password.
connect-rozetka-kind-api-token = 🔑 I have an API token from the cabinet
connect-rozetka-kind-password = 👤 Login and password
connect-ask-rozetka-token = Send the Rozetka API token (cabinet → Settings → “API security”). I will delete the message with the token from the chat right away.
connect-missing-permission = Rozetka accepted these credentials, but the role lacks access to the “{ $permission ->
        [orders] Orders
       *[correspondence] My correspondence
    }” section. Give the role that access, or generate a token for a role that has it, and send it again. Nothing was saved.
connect-ask-login = Send the Rozetka seller login.
connect-ask-token = Send the Prom API token (Settings → API token management). I will delete the message with the token from the chat right away.
connect-ask-password = Send the password of the Rozetka seller account. I will delete the message with the password from the chat right away.
connect-checking = Checking access to the marketplace…
connect-wrong-credentials = The marketplace did not accept these details. Nothing was saved — please send them again.
connect-unavailable = The marketplace is not answering right now. Nothing was saved — send the details again a bit later.
connect-gave-up = The store could not be connected and nothing was saved. Start again with /connect.
connect-secret-missed = Something went wrong while taking the key. Start again with /connect.
connect-delete-yourself = I could not delete the message with the key — please delete it yourself.
connect-done = Store “{ $name }” is connected ({ $hint }). Orders are being loaded.
replace-credentials-start = Replacing the credentials of store “{ $name }”. Its settings, mappings and order history stay.
replace-credentials-done = The new credentials of store “{ $name }” were checked and saved. The store syncs again.
connect-no-key = A store cannot be connected yet: the bot's settings have no ENCRYPTION_KEYS. Ask whoever installed the bot to add one.
connect-button-open = ⚙️ Store settings

# S2 Stores
stores-list-title = Your stores ({ $count }). Choose a store to change it:
stores-list-empty = There are no stores yet. Connect the first one:
stores-marketplace = { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
stores-status = { $status ->
        [active] running
        [paused] paused
       *[failing] sync errors
    }
stores-button-connect = ➕ Connect a store
stores-button-lists = 🗂 Stages, payment, delivery
stores-button-rename = ✏️ Name
stores-button-pause = ⏸ Pause
stores-button-resume = ▶️ Resume
stores-button-source = 🏷 Source label
stores-button-manager = 🙋 Responsible
stores-button-auto-accept = 🤖 Auto-accept
stores-button-hours = 🕘 Working hours
stores-button-poll = 🔄 Poll interval
stores-button-imported = 📥 Imported statuses
stores-button-signature = ✍️ Signature
stores-button-templates = 💬 Reply templates
stores-button-replace-credentials = 🔑 Replace credentials
stores-button-delete = 🗑 Delete the store
stores-button-delete-yes = Yes, delete
stores-button-delete-no = No, keep it
stores-button-all = « All stores
stores-button-back = « Back
stores-button-clear = Clear
stores-button-hours-set = Set the hours
stores-button-signature-set = Set the signature
stores-button-template-add = ➕ Add a template
stores-delete-confirm = Delete the store “{ $name }”? The bot stops polling it and its mappings go. Orders already received stay in the history.
stores-deleted = Store “{ $name }” deleted.
stores-paused = The store is paused: polling stopped.
stores-resumed = The store is running again.
stores-saved = Saved ✅
stores-not-found = The store was not found or is not yours to manage.
stores-marketplace-unavailable = The marketplace is not answering right now. Try again in a minute.
stores-none = —
stores-off = off
stores-minutes = { $count } min
stores-seconds = { $count } s

# S3 Settings
stores-field-status = State
stores-field-credentials = Access key
stores-field-source = Source label
stores-field-manager = Responsible
stores-field-auto-accept = Auto-accept
stores-field-hours = Working hours
stores-field-poll = Polling
stores-field-imported = Imported statuses
stores-field-signature = Signature
stores-field-templates = Reply templates
stores-auto-accept-after = after { $minutes } min
stores-hours-always = around the clock
stores-imported-all = all
stores-imported-some = { $count } chosen
stores-manager-choose = Who is responsible for the orders of “{ $name }”?
stores-manager-nobody = Nobody
stores-auto-accept-choose = After how many minutes should a new order of “{ $name }” be accepted automatically (within working hours)?
stores-hours-explain = Working hours of “{ $name }”: auto-accept runs within them.
stores-poll-choose = How often should “{ $name }” be polled?
stores-imported-explain = Orders in which statuses should be imported from “{ $name }”? Tap to switch one on or off.
stores-signature-explain = The signature is added to every answer to a buyer. Now: { $signature }
stores-templates-title = Reply templates of “{ $name }”. Tap 🗑 to delete one.
stores-templates-empty = “{ $name }” has no reply templates yet.
stores-template-deleted = Template deleted.
stores-template-rejected = There are too many templates already — delete one to add another.
stores-ask-name = Send the new store name (up to { $max } characters).
stores-ask-source = Send the order source label (up to { $max } characters), e.g. “Prom main”.
stores-ask-signature = Send the signature for answers to buyers (up to { $max } characters).
stores-ask-hours = Send the working hours as 09:00-18:00.
stores-ask-template-title = Send a short template name (up to { $max } characters) — it goes on the button.
stores-ask-template-text = Now send the template text (up to { $max } characters).
stores-input-invalid = That does not fit: I need text of up to { $max } characters in the right form. Try again or /cancel.

# Commands (menu descriptions)
cmd-stores = Stores and their settings
cmd-connect = Connect a store
