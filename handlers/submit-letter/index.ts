import { wireCommandFunction } from '../../shared/lambda/command-wiring.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { submitLetter } from './submit-letter.js';

const { logger, deps } = await wireCommandFunction('submit-letter');

export const handler = jsonHttpHandler(logger, submitLetter(deps));
