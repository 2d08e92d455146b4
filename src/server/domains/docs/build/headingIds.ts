// Heading ids exactly as MkDocs' `toc` extension makes them (Python-Markdown `toc.slugify` and
// `unique`), so `page.md#some-heading` links written for MkDocs keep working here.

/** `Install & Run!` → `install-run`; non-ASCII letters are dropped after NFKD (`Café` → `cafe`). */
export function slugifyHeading(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\p{ASCII}]/gu, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Makes `id` unique among `used` the way Python-Markdown does: `setup`, `setup_1`, `setup_2`; `''` → `_1`. */
export function uniqueHeadingId(id: string, used: Set<string>): string {
  let candidate = id;
  while (candidate === '' || used.has(candidate)) {
    const m = /^(.*)_([0-9]+)$/.exec(candidate);
    candidate = m ? `${m[1]}_${Number(m[2]) + 1}` : `${candidate}_1`;
  }
  used.add(candidate);
  return candidate;
}
