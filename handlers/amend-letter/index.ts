import { wireCommandFunction } from '../../shared/command-wiring.js';
import { jsonHttpHandler } from '../../shared/middleware.js';
import { amendLetter } from './amend-letter.js';

const { logger, deps } = wireCommandFunction('amend-letter');

export const handler = jsonHttpHandler(logger, amendLetter(deps));
