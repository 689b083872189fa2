# Order card
order-card-title = Order #{ $number }
order-card-marketplace =
    { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
order-card-source = Source
# Prom's `source` codes (and any other marketplace's); an unknown code is shown as it came
order-card-source-code =
    { $source ->
        [portal] Prom.ua catalogue
        [company_site] the shop's website
        [company_cabinet] created in the seller's cabinet
        [mobile_app] Prom.ua app
        [mobile_catalog_app] Prom.ua catalogue app
        [bigl] Bigl.ua
       *[other] { $source }
    }
order-card-status = Status
order-card-stage = Stage
order-card-auto-accept-in = Auto-accept at { $time } (in { $minutes } min)
order-card-auto-accept-due = Auto-accept any moment now
order-card-auto-accept-held = Auto-accept on hold
order-card-auto-accepted = Accepted automatically
order-card-returning = Returning customer, orders: { $count }
order-card-carrier =
    { $carrier ->
        [nova_poshta] Nova Poshta
        [ukrposhta] Ukrposhta
        [meest] Meest
        [rozetka_delivery] Rozetka Delivery
       *[other] { $carrier }
    }
order-card-recipient = Recipient
order-card-ttn = Waybill (TTN)
order-card-payment-status =
    { $status ->
        [paid] paid
        [unpaid] not paid
        [refunded] refunded
        [paid_out] paid out to the seller
       *[other] { $status }
    }
order-card-items = Items
order-card-more-items =
    …and { $count } more { $count ->
        [one] item
       *[other] items
    }
order-card-total = Total
order-card-comment = Buyer's comment
order-card-assignee = Responsible
order-card-unassigned = nobody yet
order-card-action =
    { $action ->
        [accept] accepted
        [cancel] cancelled
        [status] status changed
        [take] taken
        [hold] auto-accept put on hold
        [ttn] waybill added
        [auto-accept-failed] auto-accept failed
        [auto-accept] accepted automatically
       *[other] { $action }
    }
order-card-by-bot = bot
order-card-cancel-prompt = Choose the reason for cancelling (✍️ — an explanation will be needed):
order-card-button-accept = ✅ Accept
order-card-button-cancel = ❌ Cancel
order-card-button-take = 🙋 Take it
order-card-button-hold = ⏸ Hold auto-accept
order-card-button-ttn = 🚚 Add waybill
order-card-button-details = ℹ️ Details
order-card-button-open =
    🔗 Open in { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
order-card-button-back = ← Back
order-card-moved = This copy of the card is no longer updated: the live one is further down this chat.
order-card-moved-answer = This copy is out of date. The order's live card is further down this chat.

# Order actions
order-action-done = Done ✅
order-action-refused = The marketplace refused: { $reason }
order-action-refused-plain = The marketplace did not accept this action. Check the order in the marketplace's cabinet.
order-action-credentials = The marketplace does not accept this store's credentials. An admin must replace them: /stores → the store → Replace credentials.
order-action-unavailable = The marketplace is not answering right now. Try again in a minute.
order-action-not-found = The order was not found or is not available to you.
order-action-busy = This order is already being processed. Wait a few seconds.
order-action-not-allowed = This action is no longer available for the order. The card has been updated.
order-action-move-unavailable = The marketplace does not allow this step from the order's current status. The card has been updated: pick one of the actions it offers now.
order-action-done-by-other =
    { $action ->
        [accept] Already accepted by { $by }.
        [cancel] Already cancelled by { $by }.
        [status] The status was already changed by { $by }.
        [ttn] { $by } already added the waybill.
       *[other] { $by } already handled this order.
    } The card is updated.
order-action-done-by-bot =
    { $action ->
        [auto-accept] The order was already accepted automatically.
       *[other] The bot already handled this order.
    } The card is updated.
order-action-needs-text = This reason needs a comment.
order-ttn-ask = Send the waybill (TTN) number for order #{ $number } as a reply to this message (or /cancel).
order-ttn-invalid = A waybill number is 10 to 20 digits. Try again or /cancel.
order-cancel-note-ask = Write a comment for cancelling order #{ $number } (the marketplace will see it), or /cancel.
order-details-title = Order #{ $number } — details

# Group digest (J5)
order-digest-title =
    { $count } new { $count ->
        [one] order
       *[other] orders
    }, newest first
order-digest-hint = To keep the chat readable, the cards are gathered into one list. A number button opens the card.
order-digest-more = …and { $count } more. All orders are in /orders.
order-card-changed = This card has changed while you were reading it. Here is the order as it is now — check it and tap again.
