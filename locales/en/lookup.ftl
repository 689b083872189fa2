# Order lookup (O8)
cmd-order = Find an order by number, phone or name
cmd-orders = Order list with filters
lookup-order-usage = Tell me what to look for: /order 313748913, /order 0671234567 or /order Shevchenko
lookup-nothing-found = Nothing found for “{ $query }”.
lookup-several-found = Orders found: { $count }. Pick one:
lookup-list-title = Orders
lookup-list-page = Page { $page } of { $pages } · { $total } in all
lookup-list-empty = No orders match these filters.
lookup-all-stores = All stores
lookup-status =
    { $status ->
        [new] New
        [processing] In progress
        [done] Completed
        [cancelled] Cancelled
       *[all] All statuses
    }
lookup-period =
    { $period ->
        [today] Today
        [week] 7 days
        [month] 30 days
       *[all] All time
    }
