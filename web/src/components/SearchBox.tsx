// The one search input of the UI: the header's (submit opens /search) and the search page's (live) share
// its look, its length limit and how the typed text becomes a query.
import { forwardRef, type ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { NavIcon } from '../layout/NavIcon';

/** The longest query the search page keeps in its URL (and the API accepts). */
export const MAX_SEARCH_QUERY = 200;

/** Typed text → the `q` of /search, or undefined when there is nothing to search for. */
export function toSearchQuery(text: string): string | undefined {
  const q = text.trim().slice(0, MAX_SEARCH_QUERY);
  return q || undefined;
}

export const SearchBox = forwardRef<HTMLInputElement, {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onEscape?: () => void;
  rightSection?: ReactNode;
  size?: 'sm' | 'md';
}>(function SearchBox({ label, value, onChange, onEscape, rightSection, size = 'sm' }, ref) {
  return (
    <TextInput
      ref={ref}
      type="search"
      aria-label={label}
      placeholder="Search docs and catalog"
      value={value}
      maxLength={MAX_SEARCH_QUERY}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onEscape?.();
      }}
      leftSection={<NavIcon name="search" size={16} />}
      rightSection={rightSection}
      size={size}
      style={{ flex: 1 }}
    />
  );
});
