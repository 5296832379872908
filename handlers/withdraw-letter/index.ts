import { wireCommandFunction } from '../../shared/lambda/command-wiring.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { withdrawLetter } from './withdraw-letter.js';

const { logger, deps } = await wireCommandFunction('withdraw-letter');

export const handler = httpHandler(logger, withdrawLetter(deps));
