#include <gtest/gtest.h>
#include <transcript_spool.h>
TEST(TranscriptSpool, Placeholder) {}
