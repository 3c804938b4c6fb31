/**
 * Account security: roles, password hashing, login throttling and the rules for account names and
 * passwords. Knows nothing of the database or the network.
 */
package dev.cantrip.account;
