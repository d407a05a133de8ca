import JSZip from 'jszip';

/** The paragraphs of a DOCX's body as plain text (runs joined), read back with a real unzip and the XML's own text runs. */
export async function docxParagraphs(body: ArrayBuffer | Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join(''))
    .filter((text) => text.length > 0);
}
