/** Zones offered where the browser cannot list its own (Intl.supportedValuesOf is missing). */
const FALLBACK_TIME_ZONES = [
  'UTC',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Phoenix',
  'America/Chicago',
  'America/Mexico_City',
  'America/New_York',
  'America/Toronto',
  'America/Bogota',
  'America/Halifax',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'America/St_Johns',
  'Atlantic/Reykjavik',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Tehran',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Manila',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/**
 * Browsers list some zones under names IANA has since replaced (CLDR keeps the old ones): Chromium
 * offers Asia/Calcutta, not Asia/Kolkata. People look for the current name, which browsers accept.
 */
const CURRENT_NAMES: Readonly<Record<string, string>> = {
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function accepted(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's name as the browser lists it when it does (case fixed: europe/berlin), else as
 * written if the browser knows it (Asia/Kolkata, which some list as Asia/Calcutta), else undefined.
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return undefined;
  const lower = value.toLowerCase();
  const listed = (Intl.supportedValuesOf?.('timeZone') ?? []).find(
    (z) => z.toLowerCase() === lower,
  );
  if (listed) return listed;
  return accepted(value) ? value : undefined;
}

/** The zone under its current IANA name when the browser accepts that name. */
export function currentZoneName(zone: string): string {
  const current = CURRENT_NAMES[zone];
  return current && accepted(current) ? current : zone;
}

/** Every IANA zone the browser knows, A to Z, with `include` added when it is not among them. */
export function timeZoneOptions(include: readonly string[] = []): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf?.('timeZone') ?? FALLBACK_TIME_ZONES;
  } catch {
    zones = FALLBACK_TIME_ZONES;
  }
  const all = new Set((zones.length > 0 ? zones : FALLBACK_TIME_ZONES).map(currentZoneName));
  for (const zone of include) all.add(zone);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** The browser's time zone, under its current name (UTC when the browser does not say). */
export function browserTimeZone(): string {
  try {
    return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}
