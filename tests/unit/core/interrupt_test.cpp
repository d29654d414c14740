// Ctrl-C as a flag: checks throw InterruptedError, deferred work is not cut, sleeps wake,
// and a dataset save interrupted midway leaves neither output nor temporary file.
#include "nova/interrupt.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "nova/dataset.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

using nova::testing::TempDir;

class Interrupt : public ::testing::Test {
 protected:
  void TearDown() override { clear_interrupt(); }
};

TEST_F(Interrupt, ChecksThrowOnlyOnceRequested) {
  EXPECT_NO_THROW(check_interrupt());
  request_interrupt(SIGTERM);
  request_interrupt(SIGINT);  // the first request is the one reported
  try {
    check_interrupt();
    FAIL() << "no InterruptedError";
  } catch (const InterruptedError& e) {
    EXPECT_EQ(e.signal(), SIGTERM);
    EXPECT_STREQ(e.what(), "Terminated (SIGTERM)");
  }
}

TEST_F(Interrupt, DeferredWorkIsNotCut) {
  request_interrupt(SIGINT);
  {
    const DeferInterrupts defer;
    EXPECT_TRUE(DeferInterrupts::active());
    EXPECT_NO_THROW(check_interrupt());
  }
  EXPECT_FALSE(DeferInterrupts::active());
  EXPECT_THROW(check_interrupt(), InterruptedError);
}

TEST_F(Interrupt, TheHandlerTurnsASignalIntoARequest) {
  install_interrupt_handlers();
  std::raise(SIGINT);
  EXPECT_EQ(interrupt_signal(), SIGINT);
  // SA_RESETHAND: a second SIGINT would end the process; restore the default explicitly.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

TEST_F(Interrupt, SleepsWakeUpToThrow) {
  request_interrupt(SIGINT);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(sleep_interruptibly(std::chrono::seconds(30)), InterruptedError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(Interrupt, CreatedResourcesAreListedUntilForgotten) {
  note_created("training job j was created and is running; stop it with `nova job stop j`");
  EXPECT_THAT(created_resources(), ::testing::ElementsAre(::testing::HasSubstr("nova job stop j")));
  forget_created("training job j was created and is running; stop it with `nova job stop j`");
  EXPECT_TRUE(created_resources().empty());
}

TEST_F(Interrupt, AnInterruptedSaveLeavesNothingBehind) {
  TempDir dir;
  std::string data;
  for (int i = 0; i < 1000; ++i) data += "{\"id\": " + std::to_string(i) + "}\n";
  const auto in = dir.write("in.jsonl", data);
  JSONLDatasetLoader loader;
  loader.load(in.string());
  request_interrupt(SIGINT);
  EXPECT_THROW(loader.save_data((dir / "out.jsonl").string()), InterruptedError);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // only the input
}

}  // namespace
}  // namespace nova
