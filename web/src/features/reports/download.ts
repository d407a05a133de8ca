import { apiOrigin } from '../../data/api';

/** The report's filter as the download routes read it (the same names as ReportFilter). */
export interface DownloadFilter {
  countryCodes?: string[];
  from?: string;
  to?: string;
}

export function downloadQuery(filter: DownloadFilter): string {
  const params = new URLSearchParams();
  if (filter.countryCodes?.length) params.set('countryCodes', filter.countryCodes.join(','));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** A refused download, with the server's message (it says what to change). */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * GET /reports/cooperation.<format> with the bearer token (a plain link cannot send it), then hands
 * the file to the browser as a download under the server's file name.
 */
export function downloadReport(token: string, format: 'csv' | 'xlsx', filter: DownloadFilter): Promise<string> {
  return downloadWithToken(token, `/reports/cooperation.${format}${downloadQuery(filter)}`, `jalin-cooperation.${format}`);
}

/**
 * GET a path of the API (a report, a generated document) with the bearer token, and hands the file
 * to the browser as a download under the server's file name (Content-Disposition). Returns the name.
 */
export async function downloadWithToken(token: string, path: string, fallbackName: string): Promise<string> {
  const response = await fetch(`${apiOrigin()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    let message = response.statusText;
    try {
      const body = (await response.json()) as { errors?: { message: string }[] };
      message = body.errors?.[0]?.message ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new DownloadError(message, response.status);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
