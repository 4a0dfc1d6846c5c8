#include "output_buffer.h"

#include <QMutexLocker>

#include <algorithm>

namespace sandbox {

OutputBuffer::OutputBuffer(qsizetype capacity)
    : capacity_(std::max<qsizetype>(capacity, 1)) {}

bool OutputBuffer::append(bool isStderr, const QByteArray &data) {
    if (data.isEmpty())
        return false;
    QMutexLocker lock(&mutex_);
    while (!closed_ && size_ > 0 && size_ + data.size() > capacity_)
        spaceAvailable_.wait(&mutex_);
    if (closed_)
        return false;
    const bool wasEmpty = size_ == 0;
    // Merge with the previous chunk of the same stream: fewer, larger batches for the GUI.
    if (!chunks_.isEmpty() && chunks_.last().isStderr == isStderr)
        chunks_.last().data.append(data);
    else
        chunks_.append({isStderr, data});
    size_ += data.size();
    highWaterMark_ = std::max(highWaterMark_, size_);
    return wasEmpty;
}

QList<OutputChunk> OutputBuffer::take() {
    QList<OutputChunk> result;
    {
        QMutexLocker lock(&mutex_);
        result.swap(chunks_);
        size_ = 0;
    }
    spaceAvailable_.wakeAll();
    return result;
}

void OutputBuffer::close() {
    {
        QMutexLocker lock(&mutex_);
        closed_ = true;
    }
    spaceAvailable_.wakeAll();
}

void OutputBuffer::reopen() {
    QMutexLocker lock(&mutex_);
    closed_ = false;
}

bool OutputBuffer::isClosed() const {
    QMutexLocker lock(&mutex_);
    return closed_;
}

bool OutputBuffer::isEmpty() const {
    QMutexLocker lock(&mutex_);
    return size_ == 0;
}

qsizetype OutputBuffer::size() const {
    QMutexLocker lock(&mutex_);
    return size_;
}

qsizetype OutputBuffer::highWaterMark() const {
    QMutexLocker lock(&mutex_);
    return highWaterMark_;
}

} // namespace sandbox
