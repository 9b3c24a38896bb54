// shared_array: memory that stays shared between a process and the children it forks.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace concur::sys {

/// An anonymous MAP_SHARED mapping. Ordinary memory is copied on fork (each process then
/// writes its own copy); this mapping is the same physical pages in parent and children, so
/// a store in one is seen by the other. Only lock-free atomics or process-shared pthread
/// objects should be put in it: a process-private futex would never wake the other side.
class shared_mapping {
public:
    explicit shared_mapping(std::size_t bytes);
    ~shared_mapping();
    shared_mapping(const shared_mapping&) = delete;
    shared_mapping& operator=(const shared_mapping&) = delete;

    [[nodiscard]] void* data() const noexcept { return data_; }
    [[nodiscard]] std::size_t size() const noexcept { return bytes_; }

private:
    void* data_ = nullptr;
    std::size_t bytes_ = 0;
};

/// `count` value-initialised T in one shared mapping; T's destructor is run by the creator.
template <typename T>
class shared_array {
    static_assert(std::is_nothrow_default_constructible_v<T>);

public:
    explicit shared_array(std::size_t count)
        : mapping_(count == 0 ? sizeof(T) : count * sizeof(T)), count_(count) {
        for (std::size_t i = 0; i < count_; ++i) new (element(i)) T{};
    }
    ~shared_array() {
        for (std::size_t i = 0; i < count_; ++i) element(i)->~T();
    }
    shared_array(const shared_array&) = delete;
    shared_array& operator=(const shared_array&) = delete;

    [[nodiscard]] T& operator[](std::size_t i) const noexcept { return *element(i); }
    [[nodiscard]] std::size_t size() const noexcept { return count_; }

private:
    [[nodiscard]] T* element(std::size_t i) const noexcept {
        return std::launder(static_cast<T*>(mapping_.data()) + i);
    }
    shared_mapping mapping_;
    std::size_t count_;
};

}  // namespace concur::sys
