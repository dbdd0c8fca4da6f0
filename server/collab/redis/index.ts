export { createRedisRooms, REDIS_ROOMS_DEFAULTS, type RedisRoomsOptions } from './create-redis-rooms.ts';
export { judgeRedisConfig } from './redis-config-check.ts';
