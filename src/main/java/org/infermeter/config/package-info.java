/**
 * Campaign files to validated, immutable specs ({@link org.infermeter.config.CampaignSpec}): every
 * mistake is reported with file, line, field, the bad value and what would be valid, all at once.
 * Depends on {@code sample} only (cell keys); nothing here sends requests or opens a store.
 */
package org.infermeter.config;
