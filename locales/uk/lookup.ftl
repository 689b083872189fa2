# Order lookup (O8)
cmd-order = Знайти замовлення за номером, телефоном чи іменем
cmd-orders = Список замовлень з фільтрами
lookup-order-usage = Напишіть, що шукати: /order 313748913, /order 0671234567 або /order Шевченко
lookup-nothing-found = Нічого не знайдено за запитом «{ $query }».
lookup-several-found = Знайдено замовлень: { $count }. Оберіть потрібне:
lookup-list-title = Замовлення
lookup-list-page = Сторінка { $page } з { $pages } · усього { $total }
lookup-list-empty = За цими фільтрами замовлень немає.
lookup-all-stores = Усі магазини
lookup-status =
    { $status ->
        [new] Нові
        [processing] В роботі
        [done] Виконані
        [cancelled] Скасовані
       *[all] Усі статуси
    }
lookup-period =
    { $period ->
        [today] Сьогодні
        [week] 7 днів
        [month] 30 днів
       *[all] За весь час
    }
