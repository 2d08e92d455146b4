import { createTemplateRenderer, type TemplateRenderer, type TemplateRendererOptions } from '../templating/index';

type RendererFlags = Pick<TemplateRendererOptions, 'cookiecutterCompat' | 'trimBlocks' | 'lstripBlocks'>;

/** One sandboxed renderer per distinct option set, created on first use, all disposed at the end of a run. */
export interface RendererPool {
  get(opts?: RendererFlags): Promise<TemplateRenderer>;
  dispose(): void;
}

export function createRendererPool(): RendererPool {
  const renderers = new Map<string, Promise<TemplateRenderer>>();
  return {
    get(opts = {}) {
      const flags = { cookiecutterCompat: !!opts.cookiecutterCompat, trimBlocks: !!opts.trimBlocks, lstripBlocks: !!opts.lstripBlocks };
      const key = JSON.stringify(flags);
      let r = renderers.get(key);
      if (!r) {
        r = createTemplateRenderer(flags);
        renderers.set(key, r);
      }
      return r;
    },
    dispose() {
      for (const r of renderers.values()) r.then((x) => x.dispose(), () => undefined);
      renderers.clear();
    },
  };
}
