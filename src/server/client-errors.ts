import type { Duplex } from 'node:stream';
import { ApiError, badRequest } from './api-errors';

/**
 * What Node cannot parse as HTTP (headers over its 16 KB limit, a broken request line) never
 * reaches the app; without this it gets a bare status line. Here it gets the Graph error shape
 * too, with a message that says what to change, and the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError(431, {
          message:
            'The request headers are larger than 16 KB: send fewer or shorter headers (often cookies for this host).',
          type: 'InvalidParameter',
          code: 100,
        })
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError(408, {
            message: 'The request took too long to arrive; send it again.',
            type: 'RequestTimeout',
            code: 2,
            is_transient: true,
          })
        : badRequest(
            'The request could not be read as HTTP/1.1: check the request line and the headers.',
          );
  const body = JSON.stringify(apiError.toJSON());
  const reason = {
    400: 'Bad Request',
    408: 'Request Timeout',
    431: 'Request Header Fields Too Large',
  };
  socket.end(
    `HTTP/1.1 ${apiError.status} ${reason[apiError.status as keyof typeof reason]}\r\n` +
      'Content-Type: application/json\r\n' +
      'Cache-Control: no-store\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
