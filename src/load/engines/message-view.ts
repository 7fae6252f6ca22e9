import type { CaptureSource } from '../flow/response-view.js';

/**
 * A WebSocket message as Artillery's ws engine reads it for captures: the text parsed as JSON when
 * it is JSON (a regexp then runs over the re-serialised JSON), else the text itself.
 */
export function wsMessageView(text: string): CaptureSource {
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  return sourceOf(value);
}

/**
 * Socket.IO reply arguments as Artillery's socketio engine reads them: the argument list as JSON
 * text (`$.0` is the first argument).
 */
export function socketIoReplyView(args: readonly unknown[]): CaptureSource {
  return sourceOf(JSON.stringify(args));
}

function sourceOf(value: unknown): CaptureSource {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    body,
    json: () => {
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    },
    header: () => undefined,
  };
}
