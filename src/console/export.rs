//! The statistics as CSV, in the shape of Simfoni-PPA's recording categories.
