import { wireCommandFunction } from '../../shared/lambda/command-wiring.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { eraseChild } from './erase-child.js';

const { logger, deps } = await wireCommandFunction('erase-child');

export const handler = httpHandler(logger, eraseChild(deps));
