import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { NavIcon } from './NavIcon';

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const toggle = () => setColorScheme(computed === 'dark' ? 'light' : 'dark');
  useHotkeys([['mod+J', toggle]]);
  const label = computed === 'dark' ? 'Light mode (Ctrl+J)' : 'Dark mode (Ctrl+J)';
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" onClick={toggle} aria-label={label}>
        <NavIcon name={computed === 'dark' ? 'sun' : 'moon'} />
      </ActionIcon>
    </Tooltip>
  );
}
