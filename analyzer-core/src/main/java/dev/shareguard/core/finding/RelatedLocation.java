package dev.shareguard.core.finding;

/** Another place that takes part in a finding (for a race: the other access), with a note. */
public record RelatedLocation(Location location, String message) {}
