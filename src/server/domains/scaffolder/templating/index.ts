export { createTemplateRenderer, MAX_CONTEXT_BYTES, MAX_TEMPLATE_BYTES } from './secureTemplater';
export type { TemplateRenderer, TemplateRendererOptions } from './secureTemplater';
export { TemplateRenderError } from './templateRenderError';
export type { TemplateRenderErrorReason } from './templateRenderError';
export { TEMPLATE_FILTER_NAMES } from './templateFilters';
