// Global search: "/" focuses it, Enter opens the unified search (/search?q=) over docs and the catalog.
import { useRef, useState } from 'react';
import { Kbd } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { SearchBox, toSearchQuery } from '../components/SearchBox';

export function HeaderSearch() {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  useHotkeys([['/', () => input.current?.focus()]]);

  return (
    <form
      role="search"
      style={{ flex: 1, maxWidth: 520, display: 'flex' }}
      onSubmit={(e) => {
        e.preventDefault();
        const q = toSearchQuery(value);
        void navigate({ to: '/search', search: q ? { q } : {} });
        input.current?.blur();
      }}
    >
      <SearchBox ref={input} label="Site search" value={value} onChange={setValue}
        onEscape={() => input.current?.blur()} rightSection={<Kbd size="xs">/</Kbd>} />
    </form>
  );
}
