/** Realistic Ukrainian shop data for generated orders, chats and products. */

export const COMPANY_ID = 321321;

type BuyerName = readonly [uk: string, latin: string];

export const FEMALE_BUYERS: readonly BuyerName[] = [
  ['Олена', 'olena'],
  ['Марія', 'maria'],
  ['Ірина', 'iryna'],
  ['Оксана', 'oksana'],
  ['Наталія', 'natalia'],
  ['Юлія', 'yulia'],
];
export const MALE_BUYERS: readonly BuyerName[] = [
  ['Андрій', 'andrii'],
  ['Тарас', 'taras'],
  ['Богдан', 'bohdan'],
  ['Дмитро', 'dmytro'],
  ['Василь', 'vasyl'],
  ['Сергій', 'serhii'],
];
export const LAST_NAMES = [
  'Коваленко',
  'Шевченко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Мельник',
  'Олійник',
  'Поліщук',
  'Савченко',
  'Лисенко',
];
export const FEMALE_PATRONYMICS = ['Петрівна', 'Іванівна', 'Олександрівна', 'Василівна'];
export const MALE_PATRONYMICS = ['Петрович', 'Іванович', 'Олександрович', 'Васильович'];
export const PHONE_PREFIXES = ['67', '50', '63', '93', '97', '66', '68'];

export const NOTES = [
  '',
  '',
  'Передзвоніть після 18:00',
  'Можна без дзвінка',
  'Упакуйте як подарунок, будь ласка',
];

export interface CatalogItem {
  uk: string;
  ru: string;
  sku: string;
  priceKop: number;
  slug: string;
  group: string;
}

export const CATALOG: readonly CatalogItem[] = [
  {
    uk: 'Рюкзак туристичний 40 л, синій',
    ru: 'Рюкзак туристический 40 л, синий',
    sku: 'SO5912',
    priceKop: 171300,
    slug: 'ryukzak-turistichnij',
    group: 'Рюкзаки',
  },
  {
    uk: 'Термос сталевий 1 л',
    ru: 'Термос стальной 1 л',
    sku: 'TH1000',
    priceKop: 54900,
    slug: 'termos-stalevij',
    group: 'Посуд',
  },
  {
    uk: 'Ліхтарик налобний LED',
    ru: 'Фонарик налобный LED',
    sku: 'HL220',
    priceKop: 32950,
    slug: 'lihtarik-nalobnij',
    group: 'Ліхтарі',
  },
  {
    uk: 'Каремат туристичний 180 см',
    ru: 'Коврик туристический 180 см',
    sku: 'KM180',
    priceKop: 28900,
    slug: 'karemat',
    group: 'Туризм',
  },
  {
    uk: 'Спальний мішок −5 °C',
    ru: 'Спальный мешок −5 °C',
    sku: 'SB505',
    priceKop: 234050,
    slug: 'spalnij-mishok',
    group: 'Туризм',
  },
  {
    uk: 'Казанок похідний 2 л',
    ru: 'Котелок походный 2 л',
    sku: 'KZ200',
    priceKop: 41500,
    slug: 'kazanok',
    group: 'Посуд',
  },
  {
    uk: 'Намет тримісний',
    ru: 'Палатка трехместная',
    sku: 'NT300',
    priceKop: 389900,
    slug: 'namet-trimisnij',
    group: 'Туризм',
  },
  {
    uk: 'Мультитул 12 в 1',
    ru: 'Мультитул 12 в 1',
    sku: 'MT012',
    priceKop: 67500,
    slug: 'multitul',
    group: 'Інструменти',
  },
];

export interface DeliveryChoice {
  id: number;
  name: string;
  provider: string | null;
  addresses: readonly string[];
}

export const DELIVERY_CHOICES: readonly DeliveryChoice[] = [
  {
    id: 13013934,
    name: 'Нова Пошта',
    provider: 'nova_poshta',
    addresses: [
      'Київ, Відділення №11 (до 30 кг): вул. Максима Чиженка, 33-б',
      'Львів, Відділення №5 (до 30 кг): вул. Городоцька, 120',
      'Одеса, Поштомат №2231: вул. Дерибасівська, 12',
      'Харків, Відділення №34: просп. Науки, 9',
    ],
  },
  {
    id: 13013935,
    name: 'Укрпошта',
    provider: 'ukrposhta',
    addresses: [
      'Дніпро, Відділення №49000: просп. Дмитра Яворницького, 62',
      'Вінниця, Відділення №21001: вул. Соборна, 59',
    ],
  },
  {
    id: 13013936,
    name: 'Meest ПОШТА',
    provider: null,
    addresses: ['Полтава, Відділення №3: вул. Європейська, 15'],
  },
  { id: 13013937, name: 'Самовивіз', provider: null, addresses: ['Київ, вул. Хрещатик, 22 (магазин)'] },
];

export interface PaymentChoice {
  id: number;
  name: string;
  /** Prom-payment orders are paid within seconds of being placed */
  evopay: boolean;
}

export const PAYMENT_CHOICES: readonly PaymentChoice[] = [
  { id: 7547964, name: 'Пром-оплата', evopay: true },
  { id: 7547965, name: 'Накладений платіж', evopay: false },
  { id: 7547966, name: 'Оплата на рахунок', evopay: false },
];

/** `mobile_catalog_app` is outside the documented list; real orders carry it (prom-api.md Corrections 3) */
export const SOURCES = [
  'portal',
  'portal',
  'portal',
  'mobile_app',
  'company_site',
  'bigl',
  'mobile_catalog_app',
];

/** A seller-defined status, as `/order_status_options/list` lists it next to the standard ones. */
export const CUSTOM_STATUS = { id: 172548, name: 'custom-172548', title: 'Очікує оплату' };

/**
 * The group the plain `/products/list` is capped at under one live reading (prom-api.md
 * Corrections 1); `/groups/list` does not list it.
 */
export const ROOT_GROUP_ID = 5000;

export const CHAT_TEXTS = [
  'Добрий день! Чи є в наявності?',
  'Коли відправите замовлення?',
  'Можна забрати самовивозом?',
  'Який розмір у рюкзака?',
  'Дякую, отримала!',
  'Підкажіть, будь ласка, чи є інший колір?',
];

export const LEGACY_SUBJECTS = ['Питання щодо товару', 'Доставка', 'Оптове замовлення'];

/** Labels Prom shows for standard statuses (uk). */
export const STATUS_NAMES: Record<string, string> = {
  pending: 'Нове',
  received: 'Прийнято',
  delivered: 'Виконано',
  canceled: 'Скасовано',
  draft: 'Чернетка',
  paid: 'Оплачено',
};

/** Reasons Prom accepts in set_status; the last two come from one recent client only. */
export const CANCEL_REASONS: Record<string, { title: string; needsText: boolean }> = {
  not_available: { title: 'Немає в наявності', needsText: false },
  price_changed: { title: 'Змінилась ціна', needsText: true },
  buyers_request: { title: 'На прохання покупця', needsText: false },
  not_enough_fields: { title: 'Недостатньо даних', needsText: true },
  duplicate: { title: 'Дублікат', needsText: false },
  invalid_phone_number: { title: 'Неправильний номер телефону', needsText: false },
  less_than_minimal_price: { title: 'Сума менша за мінімальну', needsText: false },
  another: { title: 'Інше', needsText: true },
  payment_not_received: { title: 'Оплату не отримано', needsText: false },
  no_product_variants: { title: 'Немає потрібного варіанту', needsText: false },
};
