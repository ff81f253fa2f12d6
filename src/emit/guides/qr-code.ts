/**
 * The address a printed guide's QR code opens: the item's page in the portal preview
 * (`site/index.html` of the output) published under `baseUrl`, on the hall's page when the guide is
 * one hall's. `baseUrl` is where the whole output folder is served.
 * @example itemPageUrl('https://zwfw.example.gov.cn/licat/', '440101001000', '440106') // …/licat/site/index.html#item=440101001000&hall=440106
 */
export function itemPageUrl(baseUrl: string, itemCode: string, hallRegion?: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}site/index.html#item=${itemCode}${hallRegion ? `&hall=${hallRegion}` : ''}`;
}

/** Whether `text` can be a base URL: an absolute http(s) URL without query or fragment. */
export function isBaseUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/**
 * The QR code of a URL as SVG markup (black modules on white, medium error correction so a
 * creased printout still scans). Deterministic: the same URL gives the same SVG.
 */
export async function qrSvg(url: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
