import type { IsoDay } from '../../graph/pacific-days';

/** What makes each demo account different. Everything else follows from these and the seed. */
export interface DemoAccountProfile {
  id: string;
  igId: number;
  username: string;
  name: string;
  biography: string;
  website?: string;
  pageId: string;
  pageName: string;
  /** First day of the account's history. */
  createdOn: IsoDay;
  /** The day it became a business account; media before it have no insights. */
  businessSince: IsoDay;
  /** Audience size at `createdOn` and at `audienceGrowthUntil`, growing between them. */
  audienceStart: number;
  audienceEnd: number;
  /** Followers never reach this (keeps the small account under the API's 100-follower line). */
  followerCap?: number;
  followsCount: number;
  postsPerWeek: number;
  reelsShare: number;
  carouselShare: number;
  videoShare: number;
  storiesPerDay: [number, number];
  /** Hour of day (Pacific) when followers are most often online. */
  onlinePeakHour: number;
  palette: [string, string];
  topics: readonly string[];
  countries: readonly [string, number][];
  cities: readonly [string, number][];
  /** Share of women among followers. */
  womenShare: number;
  /** Weights for the age groups 13-17 … 65+. */
  ageWeights: readonly number[];
}

export const AUDIENCE_GROWTH_UNTIL: IsoDay = '2028-12-31';

const US_CITIES: [string, number][] = [
  ['Seattle, Washington', 30],
  ['Portland, Oregon', 18],
  ['San Francisco, California', 10],
  ['Los Angeles, California', 9],
  ['Tacoma, Washington', 6],
  ['Bellevue, Washington', 5],
  ['Spokane, Washington', 4],
  ['Vancouver, British Columbia', 4],
  ['New York, New York', 4],
  ['Boise, Idaho', 2],
  ['Denver, Colorado', 2],
  ['Chicago, Illinois', 2],
];

const WORLD_CITIES: [string, number][] = [
  'São Paulo, São Paulo',
  'Los Angeles, California',
  'London, England',
  'New York, New York',
  'Mexico City, Distrito Federal',
  'Mumbai, Maharashtra',
  'Jakarta, Jakarta',
  'Istanbul, Istanbul Province',
  'Madrid, Comunidad de Madrid',
  'Paris, Île-de-France',
  'Berlin, Berlin',
  'Toronto, Ontario',
  'Sydney, New South Wales',
  'Buenos Aires, Buenos Aires',
  'Rio de Janeiro, Rio de Janeiro',
  'Milan, Lombardy',
  'Delhi, Delhi',
  'Bogotá, Distrito Especial',
  'Lagos, Lagos',
  'Manila, Metro Manila',
  'Lima, Lima Region',
  'Santiago, Santiago Metropolitan Region',
  'Barcelona, Catalonia',
  'Amsterdam, North Holland',
  'Chicago, Illinois',
  'Melbourne, Victoria',
  'Seoul, Seoul',
  'Tokyo, Tokyo',
  'Bangkok, Bangkok',
  'Cairo, Cairo Governorate',
  'Rome, Lazio',
  'Lisbon, Lisbon',
  'Dublin, Dublin',
  'Warsaw, Masovian Voivodeship',
  'Vienna, Vienna',
  'Stockholm, Stockholm County',
  'Copenhagen, Capital Region of Denmark',
  'Brussels, Brussels',
  'Zürich, Zürich',
  'Munich, Bavaria',
  'Hamburg, Hamburg',
  'Lyon, Auvergne-Rhône-Alpes',
  'Guadalajara, Jalisco',
  'Monterrey, Nuevo León',
  'Medellín, Antioquia',
  'Belo Horizonte, Minas Gerais',
  'Curitiba, Paraná',
  'Porto Alegre, Rio Grande do Sul',
  'Bangalore, Karnataka',
  'Hyderabad, Telangana',
  'Cape Town, Western Cape',
  'Johannesburg, Gauteng',
  'Nairobi, Nairobi County',
  'Auckland, Auckland Region',
].map((city, i) => [city, Math.round(400 / (i + 2))]);

export const DEMO_ACCOUNTS: readonly DemoAccountProfile[] = [
  {
    id: '17841405822304914',
    igId: 5822304914,
    username: 'northwind.coffee',
    name: 'Northwind Coffee Roasters',
    biography: 'Small-batch coffee from the Pacific Northwest. Cafés in Seattle and Portland.',
    website: 'https://northwind-coffee.example',
    pageId: '104918732211854',
    pageName: 'Northwind Coffee Roasters',
    createdOn: '2016-03-01',
    businessSince: '2017-06-01',
    audienceStart: 600,
    audienceEnd: 62_000,
    followsCount: 412,
    postsPerWeek: 4,
    reelsShare: 0.3,
    carouselShare: 0.25,
    videoShare: 0.1,
    storiesPerDay: [1, 3],
    onlinePeakHour: 12,
    palette: ['#7c4a2d', '#f3e3c7'],
    topics: [
      'pour-over',
      'latte art',
      'new single origin',
      'roastery tour',
      'seasonal menu',
      'barista tips',
    ],
    countries: [
      ['US', 78],
      ['CA', 8],
      ['GB', 3],
      ['MX', 2],
      ['AU', 2],
      ['DE', 2],
      ['JP', 2],
      ['FR', 1],
      ['BR', 1],
      ['KR', 1],
    ],
    cities: US_CITIES,
    womenShare: 0.58,
    ageWeights: [2, 18, 36, 22, 12, 6, 4],
  },
  {
    id: '17841400118305523',
    igId: 118305523,
    username: 'lumen.studio',
    name: 'Lumen Studio',
    biography: 'Light, colour and motion. Photography and short films from everywhere.',
    website: 'https://lumen-studio.example',
    pageId: '211093475562981',
    pageName: 'Lumen Studio',
    createdOn: '2019-01-15',
    businessSince: '2019-01-15',
    audienceStart: 1_500,
    audienceEnd: 480_000,
    followsCount: 1_208,
    postsPerWeek: 6,
    reelsShare: 0.55,
    carouselShare: 0.25,
    videoShare: 0.05,
    storiesPerDay: [2, 4],
    onlinePeakHour: 18,
    palette: ['#3b2a8c', '#ffd166'],
    topics: [
      'golden hour',
      'behind the scenes',
      'colour grading',
      'city lights',
      'slow motion',
      'studio setup',
    ],
    countries: [
      ['BR', 22],
      ['US', 20],
      ['IN', 12],
      ['MX', 7],
      ['GB', 6],
      ['ID', 5],
      ['TR', 4],
      ['ES', 4],
      ['FR', 3],
      ['DE', 3],
      ['IT', 3],
      ['AR', 3],
      ['CO', 2],
      ['CA', 2],
      ['AU', 2],
      ['PH', 2],
    ],
    cities: WORLD_CITIES,
    womenShare: 0.47,
    ageWeights: [5, 31, 34, 16, 8, 4, 2],
  },
  {
    id: '17841452007713306',
    igId: 52007713306,
    username: 'tiny.pottery',
    name: 'Tiny Pottery',
    biography: 'Hand-thrown mugs, one at a time.',
    pageId: '330571840093317',
    pageName: 'Tiny Pottery',
    createdOn: '2024-02-10',
    businessSince: '2024-02-10',
    audienceStart: 8,
    audienceEnd: 120,
    followerCap: 99,
    followsCount: 87,
    postsPerWeek: 1.5,
    reelsShare: 0.2,
    carouselShare: 0.3,
    videoShare: 0,
    storiesPerDay: [0, 2],
    onlinePeakHour: 20,
    palette: ['#2f6f5e', '#f6efe6'],
    topics: ['fresh from the kiln', 'glaze test', 'wheel throwing', 'market day'],
    countries: [
      ['US', 80],
      ['CA', 20],
    ],
    cities: [
      ['Olympia, Washington', 60],
      ['Seattle, Washington', 40],
    ],
    womenShare: 0.7,
    ageWeights: [1, 10, 40, 30, 12, 5, 2],
  },
  {
    id: '17841463390127748',
    igId: 63390127748,
    username: 'harbor.cycles',
    name: 'Harbor Cycles',
    biography: 'Bike shop and repair on the waterfront. Group rides every Saturday.',
    website: 'https://harbor-cycles.example',
    pageId: '402287715390462',
    pageName: 'Harbor Cycles',
    createdOn: '2020-05-04',
    businessSince: '2020-05-04',
    audienceStart: 900,
    audienceEnd: 31_000,
    followsCount: 356,
    postsPerWeek: 3,
    reelsShare: 0.4,
    carouselShare: 0.3,
    videoShare: 0.05,
    storiesPerDay: [0, 2],
    onlinePeakHour: 7,
    palette: ['#0f4c81', '#e8f1f8'],
    topics: ['saturday ride', 'tune-up tips', 'new arrivals', 'trail report', 'workshop'],
    countries: [
      ['US', 70],
      ['CA', 14],
      ['GB', 4],
      ['NL', 4],
      ['DE', 3],
      ['AU', 3],
      ['DK', 2],
    ],
    cities: [
      ['San Diego, California', 34],
      ['Los Angeles, California', 14],
      ['San Francisco, California', 8],
      ['Portland, Oregon', 6],
      ['Seattle, Washington', 6],
      ['Vancouver, British Columbia', 5],
      ['Amsterdam, North Holland', 3],
      ['Denver, Colorado', 3],
    ],
    womenShare: 0.36,
    ageWeights: [2, 12, 30, 28, 16, 8, 4],
  },
  {
    id: '17841470045218861',
    igId: 70045218861,
    username: 'mesa.kitchen',
    name: 'Mesa Kitchen',
    biography: 'Weeknight recipes in 30 minutes or less. New reel every day.',
    website: 'https://mesa-kitchen.example',
    pageId: '509914263378105',
    pageName: 'Mesa Kitchen',
    createdOn: '2021-09-20',
    businessSince: '2021-09-20',
    audienceStart: 2_000,
    audienceEnd: 210_000,
    followsCount: 640,
    postsPerWeek: 5,
    reelsShare: 0.6,
    carouselShare: 0.2,
    videoShare: 0.05,
    storiesPerDay: [1, 3],
    onlinePeakHour: 17,
    palette: ['#b5462b', '#fff4e0'],
    topics: ['one-pan dinner', 'meal prep', 'five ingredients', 'sunday bake', 'street food'],
    countries: [
      ['US', 38],
      ['MX', 16],
      ['ES', 9],
      ['GB', 7],
      ['CA', 6],
      ['AR', 5],
      ['CO', 4],
      ['AU', 3],
      ['IN', 3],
      ['PH', 3],
    ],
    cities: WORLD_CITIES.slice(0, 30),
    womenShare: 0.64,
    ageWeights: [3, 22, 35, 21, 11, 5, 3],
  },
];

/** A Facebook Page without an Instagram account: `/me/accounts` lists it without the key. */
export const PAGE_WITHOUT_INSTAGRAM = { id: '118273645501928', name: 'Northwind Coffee Events' };

/**
 * Accounts that only a person's own sign-in reaches (the Connect buttons): the configured token
 * does not list them, so connecting, revoking and disconnecting them leaves the others alone.
 * `login` says which consent page offers them: a Facebook Page's account, or Instagram Login.
 */
export const CONNECTABLE_ACCOUNTS: readonly (DemoAccountProfile & {
  login: 'facebook' | 'instagram';
})[] = [
  {
    id: '17841481234500017',
    igId: 81234500017,
    username: 'juniper.books',
    name: 'Juniper Books',
    biography: 'A small bookshop with big opinions.',
    pageId: '611204938271645',
    pageName: 'Juniper Books',
    createdOn: '2025-09-01',
    businessSince: '2025-09-01',
    audienceStart: 150,
    audienceEnd: 900,
    followsCount: 210,
    postsPerWeek: 2,
    reelsShare: 0.3,
    carouselShare: 0.3,
    videoShare: 0,
    storiesPerDay: [0, 1],
    onlinePeakHour: 19,
    palette: ['#5b3a8c', '#f3eefb'],
    topics: ['staff pick', 'new in', 'reading night'],
    countries: [
      ['US', 85],
      ['CA', 15],
    ],
    cities: [
      ['Portland, Oregon', 70],
      ['Seattle, Washington', 30],
    ],
    womenShare: 0.6,
    ageWeights: [2, 18, 35, 25, 12, 6, 2],
    login: 'facebook',
  },
  {
    id: '17841492345600028',
    igId: 92345600028,
    username: 'fjord.surf',
    name: 'Fjord Surf School',
    biography: 'Cold water, warm people.',
    pageId: '722315049382756',
    pageName: 'Fjord Surf School',
    createdOn: '2025-10-01',
    businessSince: '2025-10-01',
    audienceStart: 120,
    audienceEnd: 700,
    followsCount: 150,
    postsPerWeek: 2,
    reelsShare: 0.5,
    carouselShare: 0.2,
    videoShare: 0,
    storiesPerDay: [0, 1],
    onlinePeakHour: 8,
    palette: ['#1d5c63', '#e6f4f1'],
    topics: ['dawn session', 'wetsuit care', 'beginner class'],
    countries: [
      ['NO', 70],
      ['SE', 30],
    ],
    cities: [
      ['Stavanger, Rogaland', 60],
      ['Bergen, Vestland', 40],
    ],
    womenShare: 0.45,
    ageWeights: [3, 25, 35, 20, 10, 5, 2],
    login: 'instagram',
  },
];
