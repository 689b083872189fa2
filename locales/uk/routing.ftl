# S6 /routing
routing-choose-store = Маршрутизація: оберіть магазин.
routing-store-title = <b>Куди надходять події магазину { $store }</b>
routing-default = Усі події — в особисті чати команди (за замовчуванням).
routing-team-chats = Особисті чати команди
routing-group = Група «{ $title }»
routing-topic = Група «{ $title }», тема { $topic }
routing-quiet-line = Тихі години: { $window }
routing-quiet-personal = у кожного свої (/quiet)
routing-here-hint = Щоб додати групу чи тему, надішліть /here усередині неї.
routing-event-new-order = Нові
routing-event-status-change = Статуси
routing-event-buyer-message = Повідомлення
routing-event-alert = Тривоги
routing-quiet-choose = Тихі години для: { $destination } (час { $tz }).

# S6 /here
here-choose = Які магазини надсилають події сюди? Натисніть на магазин, щоб додати цей чат.
here-all-stores = Усі магазини
here-only-groups = Надішліть /here у групі або темі, куди мають приходити події.

# S7 morning digest
digest-title = 🌅 Поки діяли тихі години ({ $from }–{ $to }), надійшло:
digest-store = <b>{ $store }</b>: замовлень — { $count }
digest-more = і ще { $count }
cmd-routing = Куди надходять події магазинів
cmd-here = Надсилати події в цю групу чи тему
