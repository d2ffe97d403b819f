/*
 * The STM32F4 vector tables: the 16 Cortex-M system entries and the
 * chip's interrupts, each a weak symbol with its CMSIS name from ST's
 * device startup file (boards/family/cortex-m/vectors.h): the
 * STM32F405/407's 82 (RM0090, the vector table) or the STM32F411's 86
 * (RM0383; 0 where the F411 has no peripheral), by STM32F4_CHIP. goro
 * itself defines SysTick_Handler (the deadline) and TIM2_IRQHandler (the
 * clock's wrap check), in time.c.
 */
#include "stm32f4.h"
#include "vectors.h"

#if STM32F4_CHIP == 411
#define STM32F4_IRQS 86
VECTOR_WEAK(WWDG_IRQHandler);
VECTOR_WEAK(PVD_IRQHandler);
VECTOR_WEAK(TAMP_STAMP_IRQHandler);
VECTOR_WEAK(RTC_WKUP_IRQHandler);
VECTOR_WEAK(FLASH_IRQHandler);
VECTOR_WEAK(RCC_IRQHandler);
VECTOR_WEAK(EXTI0_IRQHandler);
VECTOR_WEAK(EXTI1_IRQHandler);
VECTOR_WEAK(EXTI2_IRQHandler);
VECTOR_WEAK(EXTI3_IRQHandler);
VECTOR_WEAK(EXTI4_IRQHandler);
VECTOR_WEAK(DMA1_Stream0_IRQHandler);
VECTOR_WEAK(DMA1_Stream1_IRQHandler);
VECTOR_WEAK(DMA1_Stream2_IRQHandler);
VECTOR_WEAK(DMA1_Stream3_IRQHandler);
VECTOR_WEAK(DMA1_Stream4_IRQHandler);
VECTOR_WEAK(DMA1_Stream5_IRQHandler);
VECTOR_WEAK(DMA1_Stream6_IRQHandler);
VECTOR_WEAK(ADC_IRQHandler);
VECTOR_WEAK(EXTI9_5_IRQHandler);
VECTOR_WEAK(TIM1_BRK_TIM9_IRQHandler);
VECTOR_WEAK(TIM1_UP_TIM10_IRQHandler);
VECTOR_WEAK(TIM1_TRG_COM_TIM11_IRQHandler);
VECTOR_WEAK(TIM1_CC_IRQHandler);
VECTOR_WEAK(TIM2_IRQHandler);
VECTOR_WEAK(TIM3_IRQHandler);
VECTOR_WEAK(TIM4_IRQHandler);
VECTOR_WEAK(I2C1_EV_IRQHandler);
VECTOR_WEAK(I2C1_ER_IRQHandler);
VECTOR_WEAK(I2C2_EV_IRQHandler);
VECTOR_WEAK(I2C2_ER_IRQHandler);
VECTOR_WEAK(SPI1_IRQHandler);
VECTOR_WEAK(SPI2_IRQHandler);
VECTOR_WEAK(USART1_IRQHandler);
VECTOR_WEAK(USART2_IRQHandler);
VECTOR_WEAK(EXTI15_10_IRQHandler);
VECTOR_WEAK(RTC_Alarm_IRQHandler);
VECTOR_WEAK(OTG_FS_WKUP_IRQHandler);
VECTOR_WEAK(DMA1_Stream7_IRQHandler);
VECTOR_WEAK(SDIO_IRQHandler);
VECTOR_WEAK(TIM5_IRQHandler);
VECTOR_WEAK(SPI3_IRQHandler);
VECTOR_WEAK(DMA2_Stream0_IRQHandler);
VECTOR_WEAK(DMA2_Stream1_IRQHandler);
VECTOR_WEAK(DMA2_Stream2_IRQHandler);
VECTOR_WEAK(DMA2_Stream3_IRQHandler);
VECTOR_WEAK(DMA2_Stream4_IRQHandler);
VECTOR_WEAK(OTG_FS_IRQHandler);
VECTOR_WEAK(DMA2_Stream5_IRQHandler);
VECTOR_WEAK(DMA2_Stream6_IRQHandler);
VECTOR_WEAK(DMA2_Stream7_IRQHandler);
VECTOR_WEAK(USART6_IRQHandler);
VECTOR_WEAK(I2C3_EV_IRQHandler);
VECTOR_WEAK(I2C3_ER_IRQHandler);
VECTOR_WEAK(FPU_IRQHandler);
VECTOR_WEAK(SPI4_IRQHandler);
VECTOR_WEAK(SPI5_IRQHandler);

VECTOR_TABLE = {VECTORS_SYSTEM,
                /* 0 */
                WWDG_IRQHandler, PVD_IRQHandler, TAMP_STAMP_IRQHandler, RTC_WKUP_IRQHandler,
                FLASH_IRQHandler, RCC_IRQHandler, EXTI0_IRQHandler, EXTI1_IRQHandler,
                /* 8 */
                EXTI2_IRQHandler, EXTI3_IRQHandler, EXTI4_IRQHandler, DMA1_Stream0_IRQHandler,
                DMA1_Stream1_IRQHandler, DMA1_Stream2_IRQHandler, DMA1_Stream3_IRQHandler,
                DMA1_Stream4_IRQHandler,
                /* 16 */
                DMA1_Stream5_IRQHandler, DMA1_Stream6_IRQHandler, ADC_IRQHandler, 0, 0, 0, 0,
                EXTI9_5_IRQHandler,
                /* 24 */
                TIM1_BRK_TIM9_IRQHandler, TIM1_UP_TIM10_IRQHandler, TIM1_TRG_COM_TIM11_IRQHandler,
                TIM1_CC_IRQHandler, TIM2_IRQHandler, TIM3_IRQHandler, TIM4_IRQHandler,
                I2C1_EV_IRQHandler,
                /* 32 */
                I2C1_ER_IRQHandler, I2C2_EV_IRQHandler, I2C2_ER_IRQHandler, SPI1_IRQHandler,
                SPI2_IRQHandler, USART1_IRQHandler, USART2_IRQHandler, 0,
                /* 40 */
                EXTI15_10_IRQHandler, RTC_Alarm_IRQHandler, OTG_FS_WKUP_IRQHandler, 0, 0, 0, 0,
                DMA1_Stream7_IRQHandler,
                /* 48 */
                0, SDIO_IRQHandler, TIM5_IRQHandler, SPI3_IRQHandler, 0, 0, 0, 0,
                /* 56 */
                DMA2_Stream0_IRQHandler, DMA2_Stream1_IRQHandler, DMA2_Stream2_IRQHandler,
                DMA2_Stream3_IRQHandler, DMA2_Stream4_IRQHandler, 0, 0, 0,
                /* 64 */
                0, 0, 0, OTG_FS_IRQHandler, DMA2_Stream5_IRQHandler, DMA2_Stream6_IRQHandler,
                DMA2_Stream7_IRQHandler, USART6_IRQHandler,
                /* 72 */
                I2C3_EV_IRQHandler, I2C3_ER_IRQHandler, 0, 0, 0, 0, 0, 0,
                /* 80 */
                0, FPU_IRQHandler, 0, 0, SPI4_IRQHandler, SPI5_IRQHandler};
#else
#define STM32F4_IRQS 82
VECTOR_WEAK(WWDG_IRQHandler);
VECTOR_WEAK(PVD_IRQHandler);
VECTOR_WEAK(TAMP_STAMP_IRQHandler);
VECTOR_WEAK(RTC_WKUP_IRQHandler);
VECTOR_WEAK(FLASH_IRQHandler);
VECTOR_WEAK(RCC_IRQHandler);
VECTOR_WEAK(EXTI0_IRQHandler);
VECTOR_WEAK(EXTI1_IRQHandler);
VECTOR_WEAK(EXTI2_IRQHandler);
VECTOR_WEAK(EXTI3_IRQHandler);
VECTOR_WEAK(EXTI4_IRQHandler);
VECTOR_WEAK(DMA1_Stream0_IRQHandler);
VECTOR_WEAK(DMA1_Stream1_IRQHandler);
VECTOR_WEAK(DMA1_Stream2_IRQHandler);
VECTOR_WEAK(DMA1_Stream3_IRQHandler);
VECTOR_WEAK(DMA1_Stream4_IRQHandler);
VECTOR_WEAK(DMA1_Stream5_IRQHandler);
VECTOR_WEAK(DMA1_Stream6_IRQHandler);
VECTOR_WEAK(ADC_IRQHandler);
VECTOR_WEAK(CAN1_TX_IRQHandler);
VECTOR_WEAK(CAN1_RX0_IRQHandler);
VECTOR_WEAK(CAN1_RX1_IRQHandler);
VECTOR_WEAK(CAN1_SCE_IRQHandler);
VECTOR_WEAK(EXTI9_5_IRQHandler);
VECTOR_WEAK(TIM1_BRK_TIM9_IRQHandler);
VECTOR_WEAK(TIM1_UP_TIM10_IRQHandler);
VECTOR_WEAK(TIM1_TRG_COM_TIM11_IRQHandler);
VECTOR_WEAK(TIM1_CC_IRQHandler);
VECTOR_WEAK(TIM2_IRQHandler);
VECTOR_WEAK(TIM3_IRQHandler);
VECTOR_WEAK(TIM4_IRQHandler);
VECTOR_WEAK(I2C1_EV_IRQHandler);
VECTOR_WEAK(I2C1_ER_IRQHandler);
VECTOR_WEAK(I2C2_EV_IRQHandler);
VECTOR_WEAK(I2C2_ER_IRQHandler);
VECTOR_WEAK(SPI1_IRQHandler);
VECTOR_WEAK(SPI2_IRQHandler);
VECTOR_WEAK(USART1_IRQHandler);
VECTOR_WEAK(USART2_IRQHandler);
VECTOR_WEAK(USART3_IRQHandler);
VECTOR_WEAK(EXTI15_10_IRQHandler);
VECTOR_WEAK(RTC_Alarm_IRQHandler);
VECTOR_WEAK(OTG_FS_WKUP_IRQHandler);
VECTOR_WEAK(TIM8_BRK_TIM12_IRQHandler);
VECTOR_WEAK(TIM8_UP_TIM13_IRQHandler);
VECTOR_WEAK(TIM8_TRG_COM_TIM14_IRQHandler);
VECTOR_WEAK(TIM8_CC_IRQHandler);
VECTOR_WEAK(DMA1_Stream7_IRQHandler);
VECTOR_WEAK(FSMC_IRQHandler);
VECTOR_WEAK(SDIO_IRQHandler);
VECTOR_WEAK(TIM5_IRQHandler);
VECTOR_WEAK(SPI3_IRQHandler);
VECTOR_WEAK(UART4_IRQHandler);
VECTOR_WEAK(UART5_IRQHandler);
VECTOR_WEAK(TIM6_DAC_IRQHandler);
VECTOR_WEAK(TIM7_IRQHandler);
VECTOR_WEAK(DMA2_Stream0_IRQHandler);
VECTOR_WEAK(DMA2_Stream1_IRQHandler);
VECTOR_WEAK(DMA2_Stream2_IRQHandler);
VECTOR_WEAK(DMA2_Stream3_IRQHandler);
VECTOR_WEAK(DMA2_Stream4_IRQHandler);
VECTOR_WEAK(ETH_IRQHandler);
VECTOR_WEAK(ETH_WKUP_IRQHandler);
VECTOR_WEAK(CAN2_TX_IRQHandler);
VECTOR_WEAK(CAN2_RX0_IRQHandler);
VECTOR_WEAK(CAN2_RX1_IRQHandler);
VECTOR_WEAK(CAN2_SCE_IRQHandler);
VECTOR_WEAK(OTG_FS_IRQHandler);
VECTOR_WEAK(DMA2_Stream5_IRQHandler);
VECTOR_WEAK(DMA2_Stream6_IRQHandler);
VECTOR_WEAK(DMA2_Stream7_IRQHandler);
VECTOR_WEAK(USART6_IRQHandler);
VECTOR_WEAK(I2C3_EV_IRQHandler);
VECTOR_WEAK(I2C3_ER_IRQHandler);
VECTOR_WEAK(OTG_HS_EP1_OUT_IRQHandler);
VECTOR_WEAK(OTG_HS_EP1_IN_IRQHandler);
VECTOR_WEAK(OTG_HS_WKUP_IRQHandler);
VECTOR_WEAK(OTG_HS_IRQHandler);
VECTOR_WEAK(DCMI_IRQHandler);
VECTOR_WEAK(CRYP_IRQHandler);
VECTOR_WEAK(HASH_RNG_IRQHandler);
VECTOR_WEAK(FPU_IRQHandler);

VECTOR_TABLE = {
        VECTORS_SYSTEM,
        /* 0 */
        WWDG_IRQHandler, PVD_IRQHandler, TAMP_STAMP_IRQHandler, RTC_WKUP_IRQHandler,
        FLASH_IRQHandler, RCC_IRQHandler, EXTI0_IRQHandler, EXTI1_IRQHandler,
        /* 8 */
        EXTI2_IRQHandler, EXTI3_IRQHandler, EXTI4_IRQHandler, DMA1_Stream0_IRQHandler,
        DMA1_Stream1_IRQHandler, DMA1_Stream2_IRQHandler, DMA1_Stream3_IRQHandler,
        DMA1_Stream4_IRQHandler,
        /* 16 */
        DMA1_Stream5_IRQHandler, DMA1_Stream6_IRQHandler, ADC_IRQHandler, CAN1_TX_IRQHandler,
        CAN1_RX0_IRQHandler, CAN1_RX1_IRQHandler, CAN1_SCE_IRQHandler, EXTI9_5_IRQHandler,
        /* 24 */
        TIM1_BRK_TIM9_IRQHandler, TIM1_UP_TIM10_IRQHandler, TIM1_TRG_COM_TIM11_IRQHandler,
        TIM1_CC_IRQHandler, TIM2_IRQHandler, TIM3_IRQHandler, TIM4_IRQHandler, I2C1_EV_IRQHandler,
        /* 32 */
        I2C1_ER_IRQHandler, I2C2_EV_IRQHandler, I2C2_ER_IRQHandler, SPI1_IRQHandler,
        SPI2_IRQHandler, USART1_IRQHandler, USART2_IRQHandler, USART3_IRQHandler,
        /* 40 */
        EXTI15_10_IRQHandler, RTC_Alarm_IRQHandler, OTG_FS_WKUP_IRQHandler,
        TIM8_BRK_TIM12_IRQHandler, TIM8_UP_TIM13_IRQHandler, TIM8_TRG_COM_TIM14_IRQHandler,
        TIM8_CC_IRQHandler, DMA1_Stream7_IRQHandler,
        /* 48 */
        FSMC_IRQHandler, SDIO_IRQHandler, TIM5_IRQHandler, SPI3_IRQHandler, UART4_IRQHandler,
        UART5_IRQHandler, TIM6_DAC_IRQHandler, TIM7_IRQHandler,
        /* 56 */
        DMA2_Stream0_IRQHandler, DMA2_Stream1_IRQHandler, DMA2_Stream2_IRQHandler,
        DMA2_Stream3_IRQHandler, DMA2_Stream4_IRQHandler, ETH_IRQHandler, ETH_WKUP_IRQHandler,
        CAN2_TX_IRQHandler,
        /* 64 */
        CAN2_RX0_IRQHandler, CAN2_RX1_IRQHandler, CAN2_SCE_IRQHandler, OTG_FS_IRQHandler,
        DMA2_Stream5_IRQHandler, DMA2_Stream6_IRQHandler, DMA2_Stream7_IRQHandler,
        USART6_IRQHandler,
        /* 72 */
        I2C3_EV_IRQHandler, I2C3_ER_IRQHandler, OTG_HS_EP1_OUT_IRQHandler, OTG_HS_EP1_IN_IRQHandler,
        OTG_HS_WKUP_IRQHandler, OTG_HS_IRQHandler, DCMI_IRQHandler, CRYP_IRQHandler,
        /* 80 */
        HASH_RNG_IRQHandler, FPU_IRQHandler};
#endif

const unsigned board_irq_count = sizeof __interrupt_vector / sizeof __interrupt_vector[0] - 16;
_Static_assert(sizeof __interrupt_vector / sizeof __interrupt_vector[0] == 16 + STM32F4_IRQS,
               "16 system entries and the chip's interrupts");
