# Commands (menu descriptions)
cmd-stats = Статистика за період (графік)

# J6 /stats
stats-choose-period = За який період показати статистику?
stats-period = { $days } днів
stats-building = Малюю статистику за { $days } днів…
stats-no-stores = Немає магазинів, доступних вам для статистики.
stats-all-stores = усі магазини
stats-caption =
    📊 { $days } днів · { $scope }
    Замовлень: { $orders } · виручка: { $revenue }
    Скасовано: { $cancelled } ({ $cancelledShare }){ $reasons }
    Від замовлення до прийняття (медіана): { $accept }
    Прийнято автоматично: { $auto } ({ $autoShare })
stats-caption-reasons = : { $reasons }

# J4 picture in the daily summary
summary-chart-caption = Замовлення за { $days } днів по магазинах, до { $date } ({ $timeZone })
summary-week-change = Тиждень тому ({ $date }): { $before } замовл., зміна { $change }

# Pictures (J4, J6); every label at least 24 px on a 1080 × 1350 picture
chart-daily-title = Замовлення за { $days } днів
chart-stats-title = Статистика за { $days } днів
chart-period = { $from } – { $to } · час { $timeZone }
chart-legend-orders = замовлення
chart-legend-cancelled = з них скасовано
chart-row-summary = { $total } за період · сьогодні { $today }
chart-other-stores =
    Інші { $count ->
        [one] магазин
        [few] магазини
       *[other] магазинів
    } ({ $count })
chart-hours-title = Сьогодні по годинах ({ $timeZone })
chart-tile-revenue = виручка без скасованих
chart-tile-cancelled = скасовано ({ $count })
chart-tile-accept = до прийняття, медіана
chart-tile-auto = прийнято автоматично ({ $count })
chart-orders-title = Замовлення за день
chart-orders-aside = усього { $total } · шкала до { $max }
chart-revenue-title = Виручка за день
chart-revenue-aside = шкала до { $max }
chart-reasons-title = Причини скасувань
chart-reasons-total = усього { $count }
chart-reasons-none = Скасувань не було.
chart-reason-unknown = причину не вказано
chart-minutes = { $minutes } хв
chart-hours = { $hours } год { $minutes } хв
chart-days = { $days } д { $hours } год
