/** Realistic Ukrainian sample data for the fake Rozetka (composed, not real people). */
export const FIRST_NAMES = [
  'Олена',
  'Андрій',
  'Ірина',
  'Олександр',
  'Наталія',
  'Дмитро',
  'Оксана',
  'Максим',
  'Юлія',
  'Тарас',
  'Марія',
  'Богдан',
  'Світлана',
  'Віктор',
  'Катерина',
] as const;

/** surnames that do not change with gender, so any first name fits */
export const LAST_NAMES = [
  'Коваль',
  'Шевченко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Мельник',
  'Лисенко',
  'Поліщук',
  'Савченко',
  'Руденко',
  'Мороз',
  'Марченко',
  'Петренко',
  'Гончар',
] as const;

export const CITIES = [
  { id: 1, title: 'Київ', region_title: 'Київська обл.' },
  { id: 2, title: 'Львів', region_title: 'Львівська обл.' },
  { id: 3, title: 'Харків', region_title: 'Харківська обл.' },
  { id: 4, title: 'Одеса', region_title: 'Одеська обл.' },
  { id: 5, title: 'Дніпро', region_title: 'Дніпропетровська обл.' },
  { id: 6, title: 'Вінниця', region_title: 'Вінницька обл.' },
  { id: 7, title: 'Полтава', region_title: 'Полтавська обл.' },
  { id: 8, title: 'Чернігів', region_title: 'Чернігівська обл.' },
  { id: 9, title: 'Івано-Франківськ', region_title: 'Івано-Франківська обл.' },
  { id: 10, title: 'Тернопіль', region_title: 'Тернопільська обл.' },
  { id: 11, title: 'Житомир', region_title: 'Житомирська обл.' },
  { id: 12, title: 'Ужгород', region_title: 'Закарпатська обл.' },
] as const;

export const STREETS = [
  'вул. Хрещатик',
  'вул. Шевченка',
  'просп. Свободи',
  'вул. Грушевського',
  'вул. Соборна',
  'вул. Незалежності',
  'вул. Січових Стрільців',
  'вул. Пушкінська',
] as const;

export interface DeliveryService {
  id: number;
  name: string;
  logo: string | null;
  /** 0 a carrier's service, 1 the seller's own delivery (status_available `delivery_type`) */
  deliveryType: 0 | 1;
  methodId: 1 | 2;
}

export const DELIVERY_SERVICES: readonly DeliveryService[] = [
  { id: 5, name: 'Нова Пошта', logo: 'nova-pochta', deliveryType: 0, methodId: 1 },
  { id: 4, name: 'Укрпошта', logo: 'ukrposhta', deliveryType: 0, methodId: 1 },
  { id: 41, name: 'Meest ПОШТА', logo: 'meest', deliveryType: 0, methodId: 1 },
  { id: 1, name: 'Rozetka Delivery', logo: 'rozetka', deliveryType: 0, methodId: 1 },
  { id: 24, name: 'Кур’єр магазину', logo: null, deliveryType: 1, methodId: 2 },
];

export const PAYMENT_METHODS = [
  { id: 1, name: 'Оплата під час отримання товару', type: 'cash', typeTitle: 'Готівкова' },
  { id: 2, name: 'Оплата карткою онлайн', type: 'card', typeTitle: 'Безготівкова' },
  { id: 3, name: 'Безготівковий розрахунок для юросіб', type: 'cashless', typeTitle: 'Безготівкова' },
  { id: 5, name: 'Покупка частинами', type: 'credit', typeTitle: 'Кредит' },
] as const;

export const PRODUCTS = [
  { name: 'Термокружка Steel 500 мл', article: 'TK-500-S', price: 799, category: 'Термокружки' },
  { name: 'Рюкзак міський Urban 25 л', article: 'BP-URB-25', price: 1299, category: 'Рюкзаки' },
  { name: 'Навушники бездротові Sound Pro', article: 'HP-SP-01', price: 1899, category: 'Навушники' },
  { name: 'Павербанк 20000 мА·год', article: 'PB-20K', price: 999, category: 'Павербанки' },
  { name: 'Чохол для смартфона силіконовий', article: 'CS-SIL-12', price: 249, category: 'Чохли' },
  { name: 'Кабель USB-C 1 м', article: 'CB-USBC-1', price: 149, category: 'Кабелі' },
  { name: 'Лампа настільна LED Flex', article: 'LMP-FLX', price: 649, category: 'Освітлення' },
  { name: 'Пляшка спортивна 750 мл', article: 'BT-750', price: 329, category: 'Пляшки' },
  { name: 'Сковорода антипригарна 28 см', article: 'PAN-28', price: 1149, category: 'Посуд' },
  { name: 'Набір ножів 5 предметів', article: 'KN-SET-5', price: 1599, category: 'Посуд' },
  { name: 'Ковдра вовняна 140×205', article: 'BLK-140', price: 1790, category: 'Текстиль' },
  { name: 'Подушка ортопедична Memory', article: 'PIL-MEM', price: 899, category: 'Текстиль' },
  { name: 'Гірлянда LED 10 м тепле світло', article: 'GRL-10W', price: 279, category: 'Декор' },
  { name: 'Килимок для йоги 6 мм', article: 'YM-6', price: 549, category: 'Спорт' },
  { name: 'Ваги кухонні електронні', article: 'SC-KIT', price: 399, category: 'Кухня' },
  { name: 'Парасолька автоматична', article: 'UMB-AUTO', price: 699, category: 'Аксесуари' },
] as const;

export const BUYER_COMMENTS = [
  '',
  '',
  'Подзвоніть після 18:00',
  'Не телефонуйте, напишіть у чат',
  'Потрібна видаткова накладна',
  'Запакуйте, будь ласка, як подарунок',
] as const;

export const BUYER_QUESTIONS = [
  'Доброго дня! Коли відправите замовлення?',
  'Чи можна змінити відділення Нової Пошти на №12?',
  'Підкажіть, будь ласка, чи є цей товар у чорному кольорі?',
  'Добрий день, хочу уточнити розмір перед відправкою.',
  'Чи можна оплатити карткою при отриманні?',
  'Дякую, все отримала!<br>Гарного дня!',
] as const;
