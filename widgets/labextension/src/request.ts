import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** One problem as the server reports it: validation errors and warnings, then lint warnings. */
export interface IProblem {
  line: number;
  column: number;
  path: string;
  message: string;
  fix: string;
  severity: 'error' | 'warning';
  code: string;
}

/** What `POST /kwis/check` answers for the text of a bank. */
export interface ICheckResult {
  language: string;
  problems: IProblem[];
  questions: { id: string; line: number }[];
  preview: { id: string | null; html: string };
}

/**
 * POSTs `body` to the server extension's endpoint `kwis/<endPoint>` with the server's token and
 * XSRF cookie, and returns the JSON answer; an error answer throws with the server's message.
 */
export async function requestAPI<T>(endPoint: string, body: unknown): Promise<T> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'kwis', endPoint);
  const init = { method: 'POST', body: JSON.stringify(body) };
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new ServerConnection.NetworkError(error as TypeError);
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response, data.message || text);
  }
  return data as T;
}
