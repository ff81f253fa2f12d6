import { readTemplate } from '../template-files.js';
import type { GuideModel } from './guide-model.js';

/** The printed forms of a guide: the whole guide, the one-page counter version, large print. */
export const GUIDE_VARIANTS = ['full', 'short', 'large'] as const;
export type GuideVariant = (typeof GUIDE_VARIANTS)[number];

/** Everything a guide page shows beside its model. Markup (`svg`, `qr.svg`) must be licat's own or checked. */
export interface GuidePage extends GuideModel {
  csp: string;
  /** Link back to the list of guides, when the page sits beside one. */
  backHref?: string;
  flowchart?: { svg?: unknown; svgHref?: string; mmdHref?: string };
  /** The QR code to the item's online page, with its address printed beside it. */
  qr?: { svg: unknown; url: string };
}

export interface GuideTemplates {
  render: (variant: GuideVariant, page: GuidePage) => string;
  /** Mark text of ours as markup (the checked SVG, our script, the QR code). */
  safe: (markup: string) => unknown;
  /** The guides' index page (templates/guides-index.html.hbs). */
  index: (model: object) => string;
  /** Only the sections of a guide (templates/guide-body.hbs), for the portal preview. */
  body: (model: object) => string;
}

/**
 * Compile the guide templates once: `guide.html.hbs` (the whole guide; large print adds
 * `guide-large.css`) and `guide-short.html.hbs` (the counter version).
 */
export async function compileGuideTemplates(): Promise<GuideTemplates> {
  const [{ default: Handlebars }, guide, short, index, css, largeCss, qr, body] = await Promise.all([
    import('handlebars'),
    readTemplate('guide.html.hbs'),
    readTemplate('guide-short.html.hbs'),
    readTemplate('guides-index.html.hbs'),
    readTemplate('guide.css'),
    readTemplate('guide-large.css'),
    readTemplate('guide-qr.hbs'),
    readTemplate('guide-body.hbs'),
  ]);
  const hb = Handlebars.create();
  hb.registerPartial('css', css);
  hb.registerPartial('largeCss', largeCss);
  hb.registerPartial('qr', qr);
  hb.registerPartial('guideBody', body);
  const full = hb.compile(guide, { strict: false });
  const counter = hb.compile(short, { strict: false });
  return {
    render: (variant, page) => (variant === 'short' ? counter(page) : full({ ...page, large: variant === 'large' })),
    safe: (markup) => new hb.SafeString(markup),
    index: hb.compile(index, { strict: false }),
    body: hb.compile('{{> guideBody}}', { strict: false }),
  };
}
