# Buyer message card
message-card-title = Buyer message
message-card-marketplace =
    { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
message-card-buyer-unknown = Buyer
message-card-order = 📦 Order #{ $number }
message-card-order-status = 📦 Order #{ $number } — { $status }
message-card-product = 🛍 Product: { $product }
message-card-attachment = Attachment { $n }
message-card-continues = Long text: continued below ({ $parts } parts)
message-card-answered = Answered by { $name }, { $at }
message-card-read = Read by { $name }, { $at }
message-card-button-reply = ✍️ Reply
message-card-button-templates = 📋 Templates
message-card-button-mark-read = 👁 Mark read
message-card-button-open-order = 🔗 Order

# Reply (conversation, preview, templates)
# a buyer's name is never declined: it stands after "·", not inside the sentence
message-reply-ask = Answer to the buyer · { $buyer } ({ $store }). Write it in one message. /cancel to leave.
message-reply-empty = An empty answer cannot be sent. Please write some text.
message-templates-choose = Choose a reply template:
message-templates-none = This store has no reply templates yet.
message-preview-title = Answer to the buyer · { $buyer } ({ $store }):
message-preview-length = Characters: { $length } of { $max }
message-preview-button-send = ✅ Send
message-preview-button-edit = ✏️ Edit
message-preview-button-cancel = ✖️ Cancel
message-reply-sent = The answer was sent to the buyer.
message-reply-discarded = The draft answer was discarded.
message-reply-too-long = The answer is too long: { $length } characters, and the marketplace takes at most { $max } (signature included). Shorten it with “Edit” — the draft is kept.
message-reply-refused = The marketplace did not accept the answer: { $reason }. The draft is kept — fix it or send it again.
message-reply-refused-plain = The marketplace did not accept the answer. The draft is kept — try again.

# Mark read and refusals
message-marked-read = Marked as read.
message-action-not-found = This message or draft can no longer be found.
message-action-not-allowed = This store is not assigned to you, so you cannot answer here.
message-action-busy = This answer is already being sent. Please wait a few seconds.
message-action-unavailable = The marketplace is not answering right now. The draft is kept — try again in a minute.
message-action-refused = The marketplace refused: { $reason }

# Order details (M4)
message-order-thread = Messages with the buyer
