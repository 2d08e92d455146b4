// A handful of inline stroke icons (no icon package for a few glyphs).
export type NavIconName = 'catalog' | 'api' | 'health' | 'plus' | 'logo' | 'sun' | 'moon' | 'search' | 'locations' | 'audit' | 'paths' | 'docs' | 'create' | 'scores';

const PATHS: Record<Exclude<NavIconName, 'logo'>, string> = {
  catalog: 'M4 5h16M4 12h16M4 19h10',
  api: 'M8 7l-5 5 5 5M16 7l5 5-5 5M13 5l-2 14',
  health: 'M3 12h4l3-7 4 14 3-7h4',
  plus: 'M12 5v14M5 12h14',
  sun: 'M12 3v2M12 19v2M3 12h2M19 12h2M5.6 5.6l1.4 1.4M17 17l1.4 1.4M5.6 18.4L7 17M17 7l1.4-1.4M12 8a4 4 0 100 8 4 4 0 000-8z',
  moon: 'M20 14.5A8 8 0 019.5 4 8 8 0 1020 14.5z',
  locations: 'M12 21s-7-6.2-7-11.5a7 7 0 0114 0C19 14.8 12 21 12 21zM12 7.5a2 2 0 100 4 2 2 0 000-4z',
  audit: 'M9 4h6v3H9zM7 5.5H5V21h14V5.5h-2M8.5 11h7M8.5 15h7M8.5 18.5h4',
  search: 'M11 4a7 7 0 100 14 7 7 0 000-14zM20 20l-4-4',
  create: 'M12 3l2.2 5.3L20 9l-4.3 3.9L17 19l-5-3-5 3 1.3-6.1L4 9l5.8-.7z',
  paths: 'M6 21c0-6 12-6 12-12V3M9 6l3-3 3 3M6 21h0',
  docs: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  scores: 'M4 20V14M10 20V9M16 20V4M3 20h18',
};

export function NavIcon({ name, size = 18 }: { name: NavIconName; size?: number }) {
  if (name === 'logo') {
    return (
      <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
        <rect width="16" height="16" rx="3" fill="var(--mantine-color-indigo-6)" />
        <path d="M3 12h10M3 8h7M3 4h4" stroke="white" strokeWidth="2" />
      </svg>
    );
  }
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
