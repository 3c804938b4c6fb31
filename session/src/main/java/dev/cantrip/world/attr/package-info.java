/**
 * Typed attribute values on game objects: the value model ({@link dev.cantrip.world.attr.AttrValue}),
 * the storage text ({@link dev.cantrip.world.attr.AttrCodec}), what builders type
 * ({@link dev.cantrip.world.attr.AttrParser}) and the limits a stored value must respect
 * ({@link dev.cantrip.world.attr.AttrValidator}). Knows nothing of the database or of commands.
 */
package dev.cantrip.world.attr;
