// A DescribeInvocations server for the flat-memory rows of `npm run bench`: `size` invocations,
// any size (the emulator keeps a region to 100,000), each page built from 100 real records
// taken from the emulator with their InvocationId and CreatedTime renumbered, so a million
// costs it no memory and under a millisecond a page. It checks no signature and knows no
// filter: it stands in for the server only where what is measured is the client's memory.
import { createServer } from 'node:http';

/**
 * @param {{ size: number, templates: object[] }} options records as the emulator lists them
 * @returns {Promise<{ url: string, requests: () => number, close: () => Promise<void> }>}
 */
export async function startPager({ size, templates }) {
  // Each template as text around its two renumbered values, so a page is a string join.
  const parts = templates.map((record) => JSON.stringify({ ...record, InvocationId: '\u0000', CreatedTime: '\u0000' }).split('"\\u0000"'));
  const start = Date.parse('2026-11-28T00:00:00Z');
  const record = (index) => {
    const [before, between, after] = parts[index % parts.length];
    // Newest first, one second apart, ids unique: the order the API lists in.
    const id = `inv-${(size - index).toString(36).padStart(8, '0')}`;
    const created = new Date(start - index * 1000).toISOString().replace('.000Z', 'Z');
    return `${before}"${id}"${between}"${created}"${after}`;
  };
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      requests++;
      const params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const offset = Math.max(0, Number(params.Offset ?? 0));
      const end = Math.min(size, offset + Math.min(100, Number(params.Limit ?? 20)));
      const page = [];
      for (let index = offset; index < end; index++) page.push(record(index));
      const body = `{"Response":{"TotalCount":${size},"InvocationSet":[${page.join(',')}],"RequestId":"pager-${requests}"}}`;
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
