import { UsageError } from '../errors.js';

export const DEFAULT_ENDPOINT = 'https://tat.tencentcloudapi.com';

/**
 * Accepts a bare host (`tat.ap-shanghai.tencentcloudapi.com`, https implied), a host with a
 * port, or a full URL (`http://127.0.0.1:9000`). Returns the URL requests are POSTed to.
 */
export function parseEndpoint(value: string, flag = '--endpoint'): URL {
  const text = value.trim();
  if (text === '') throw new UsageError(`${flag} is empty`, 'Give a host such as tat.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`${flag} '${value}' is not a host or URL`, 'Give a host such as tat.tencentcloudapi.com or a URL such as http://127.0.0.1:9000.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${flag} '${value}' must use http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password) throw new UsageError(`${flag} must not contain credentials`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new UsageError(`${flag} '${value}' has a path or query; TAT requests always go to '/'`, `Use ${url.protocol}//${url.host}`);
  url.pathname = '/';
  return url;
}
