// Global search: "/" focuses it, Enter opens the catalog filtered by the text.
import { useRef, useState } from 'react';
import { Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { NavIcon } from './NavIcon';

export function HeaderSearch() {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  useHotkeys([['/', () => input.current?.focus()]]);

  return (
    <form
      role="search"
      style={{ flex: 1, maxWidth: 520 }}
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        void navigate({ to: '/catalog', search: q ? { q } : {} });
        input.current?.blur();
      }}
    >
      <TextInput
        ref={input}
        aria-label="Search the catalog"
        placeholder="Search the catalog"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') input.current?.blur();
        }}
        leftSection={<NavIcon name="search" size={16} />}
        rightSection={<Kbd size="xs">/</Kbd>}
        size="sm"
      />
    </form>
  );
}
