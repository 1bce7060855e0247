import type { FastifyReply } from 'fastify';

/**
 * Sends a rendered PDF for the browser to show (inline) rather than download, never cached: these are
 * case documents. The filename is made header-safe; a non-ASCII one is also given as filename*.
 */
export function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string): FastifyReply {
  const name = filename.toLowerCase().endsWith('.pdf') ? filename : `${filename}.pdf`;
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = ascii === name
    ? `inline; filename="${ascii}"`
    : `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', disposition)
    .header('cache-control', 'no-store')
    .header('content-length', pdf.length)
    .send(pdf);
}
