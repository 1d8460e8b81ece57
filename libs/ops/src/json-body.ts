import express, { NextFunction, Request, Response } from 'express';

/**
 * Uploads to POST /api/v1/imports/{dataset}: their JSON body is streamed to disk by the
 * imports controller (up to the .json file limit), not parsed in memory here.
 */
const STREAMED_JSON_ROUTE = /^\/api\/v1\/imports\/[^/]+\/?$/;

const defaultJson = express.json();

/**
 * The application's JSON body parser: express.json() with its default 100 kB limit,
 * except for the routes above. Nest registers its own parser only when none named
 * "jsonParser" is installed, hence the name.
 */
export function jsonParser(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && STREAMED_JSON_ROUTE.test(req.path)) return next();
  defaultJson(req, res, next);
}
