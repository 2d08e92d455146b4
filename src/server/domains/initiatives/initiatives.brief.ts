import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML is off in the Markdown, and the output still goes through an allowlist: a brief is written
// by people, shown to everyone.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** An initiative's brief as safe HTML: Markdown's own elements, http(s)/mailto links opening without opener. */
export function renderBrief(markdown: string): string {
  return sanitizeHtml(md.render(markdown), {
    allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'a', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's'],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  });
}
