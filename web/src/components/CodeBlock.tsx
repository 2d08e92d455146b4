import { ActionIcon, Box, CopyButton, Paper, Tooltip } from '@mantine/core';

export function CodeBlock({ code, label }: { code: string; label?: string }) {
  return (
    <Paper withBorder pos="relative" bg="var(--mantine-color-default-hover)" aria-label={label}>
      <CopyButton value={code}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow position="left">
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} pos="absolute" top={6} right={6}
              aria-label="Copy to clipboard">
              <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
                {copied ? <path d="M5 12l5 5 9-10" /> : <path d="M9 9h10v10H9zM5 15V5h10" />}
              </svg>
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
      <Box component="pre" className="paved-code" p="sm" m={0} ff="monospace">
        {code}
      </Box>
    </Paper>
  );
}
