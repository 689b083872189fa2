# S4 Mappings
mapping-button-statuses = 🔗 Statuses
mapping-button-payments = 🔗 Payment
mapping-button-deliveries = 🔗 Delivery
mapping-button-unmap = — do not map
mapping-button-add-item = ➕ Add
mapping-button-edit-list = ✏️ Edit the list: { $list ->
        [stages] stages
        [payments] payment methods
       *[carriers] carriers
    }
mapping-list-name = { $list ->
        [stages] Stages
        [payments] Payment
       *[carriers] Delivery
    }
mapping-list-title = { $kind ->
        [status] Marketplace statuses → shop stages
        [payment] Marketplace payment methods → your payment methods
       *[delivery] Marketplace delivery methods → your carriers
    } (“{ $name }”). Tap a row to change it.
mapping-none-offered = The marketplace listed no values for this mapping (“{ $name }”).
mapping-pick = “{ $label }” → { $kind ->
        [status] choose a stage:
        [payment] choose a payment method:
       *[delivery] choose a carrier:
    }
mapping-shop-list-title = { $list ->
        [stages] Your shop's stages
        [payments] Your payment methods
       *[carriers] Your carriers
    }. ⬆ moves an item up, 🗑 deletes it with its mappings.
mapping-ask-item = Send the name of the new item (up to { $max } characters).
mapping-item-rejected = Not added: the item is already there or the list is full.

# Stage on the order card
stage-button = 🏷 Stage ▸
stage-not-reachable = This stage is not available for the order right now.
