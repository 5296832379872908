import { wireCommandFunction } from '../../shared/lambda/command-wiring.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { amendLetter } from './amend-letter.js';

const { logger, deps } = await wireCommandFunction('amend-letter');

export const handler = jsonHttpHandler(logger, amendLetter(deps));
