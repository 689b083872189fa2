# Commands (menu descriptions)
cmd-stats = Statistics for a period (chart)

# J6 /stats
stats-choose-period = Which period should the statistics cover?
stats-period = { $days } days
stats-building = Drawing the statistics for { $days } days…
stats-no-stores = There are no stores you can see statistics of.
stats-all-stores = all stores
stats-caption =
    📊 { $days } days · { $scope }
    Orders: { $orders } · revenue: { $revenue }
    Cancelled: { $cancelled } ({ $cancelledShare }){ $reasons }
    From order to accept (median): { $accept }
    Accepted automatically: { $auto } ({ $autoShare })
stats-caption-reasons = : { $reasons }

# J4 picture in the daily summary
summary-chart-caption = Orders over { $days } days by store, up to { $date } ({ $timeZone })
summary-week-change = A week ago ({ $date }): { $before } orders, change { $change }

# Pictures (J4, J6); every label at least 24 px on a 1080 × 1350 picture
chart-daily-title = Orders over { $days } days
chart-stats-title = Statistics for { $days } days
chart-period = { $from } – { $to } · { $timeZone } time
chart-legend-orders = orders
chart-legend-cancelled = cancelled of them
chart-row-summary = { $total } in the period · today { $today }
chart-other-stores =
    { $count ->
        [one] Other store
       *[other] Other stores
    } ({ $count })
chart-hours-title = Today by the hour ({ $timeZone })
chart-tile-revenue = revenue, cancelled left out
chart-tile-cancelled = cancelled ({ $count })
chart-tile-accept = to accept, median
chart-tile-auto = accepted automatically ({ $count })
chart-orders-title = Orders per day
chart-orders-aside = total { $total } · scale up to { $max }
chart-revenue-title = Revenue per day
chart-revenue-aside = scale up to { $max }
chart-reasons-title = Why orders were cancelled
chart-reasons-total = { $count } in all
chart-reasons-none = No cancellations.
chart-reason-unknown = no reason given
chart-minutes = { $minutes } min
chart-hours = { $hours } h { $minutes } min
chart-days = { $days } d { $hours } h
